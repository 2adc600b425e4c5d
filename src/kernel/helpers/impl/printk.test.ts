/**
 * The restricted printf of bpf_trace_printk / bpf_snprintf, by hand-computed cases (the kernel's
 * own answers for the common ones are in src/kernel/testdata/run/printk_*.golden.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readElf } from '../../../elf/read.ts';
import { bprintf, checkSnprintfFormat, tracePipeLine } from './printk.ts';

const mem = new Map<bigint, Uint8Array>();
const read = (addr: bigint, len: number): Uint8Array | undefined => {
  for (const [base, b] of mem) if (addr >= base && addr + BigInt(len) <= base + BigInt(b.length)) return b.slice(Number(addr - base), Number(addr - base) + len);
  return undefined;
};
mem.set(0x1000n, new TextEncoder().encode('hello\0'));
mem.set(0x2000n, new Uint8Array([192, 168, 1, 4]));
mem.set(0x3000n, new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));

const fmt = (s: string) => new TextEncoder().encode(s + '\0');
const ok = (s: string, args: bigint[]) => {
  const r = bprintf(fmt(s), args, read);
  if (!r.ok) throw new Error(`-errno ${r.errno} for ${JSON.stringify(s)}`);
  return r.text;
};
const err = (bytes: Uint8Array, args: bigint[] = [1n, 2n, 3n]) => bprintf(bytes, args, read);

describe('bprintf', () => {
  it('formats integers by size and signedness', () => {
    expect(ok('%d %i %u %x %X', [-1n, 5n, -1n, 0xabcn, 0xabcn])).toBe('-1 5 4294967295 abc ABC');
    expect(ok('%ld %lu %llx %lli', [-1n, -1n, 0x1_0000_0000n, -2n])).toBe('-1 18446744073709551615 100000000 -2');
    expect(ok('%d', [0x1_0000_0005n])).toBe('5'); // an int takes the low 32 bits
  });
  it('flags and width, no precision', () => {
    expect(ok('[%5d][%-5d][%05d][%+d][% d]', [42n, 42n, -42n, 7n, 7n])).toBe('[   42][42   ][-0042][+7][ 7]');
    expect(ok('[%8s][%-3c]', [0x1000n, 65n])).toBe('[   hello][A  ]');
    expect(err(fmt('%.2d'))).toEqual({ ok: false, errno: 22 });
    expect(err(fmt('%#x'))).toEqual({ ok: false, errno: 22 });
  });
  it('strings and pointers', () => {
    expect(ok('%s|%pks|%pus', [0x1000n, 0x1000n, 0x1000n])).toBe('hello|hello|hello');
    expect(ok('[%s]', [0x9999n])).toBe('[]'); // unreadable: empty
    expect(ok('%pI4 %pi4', [0x2000n, 0x2000n])).toBe('192.168.1.4 192.168.001.004');
    expect(ok('%pI6', [0x3000n])).toBe('2001:0db8:0000:0000:0000:0000:0000:0001');
    expect(ok('%pi6', [0x3000n])).toBe('20010db8000000000000000000000001');
    expect(ok('%px %pK', [0xffff888001000000n, 1n])).toBe('ffff888001000000 0000000000000001');
    expect(ok('%p.', [0x10n])).toBe('0000000000000010.');
    expect(err(fmt('%pZ'))).toEqual({ ok: false, errno: 22 });
    expect(err(fmt('%pI5'))).toEqual({ ok: false, errno: 22 });
  });
  it('%% and %c; errors: unknown conversions, too many, no NUL, non-printable bytes', () => {
    expect(ok('100%% %c', [0x41n])).toBe('100% A');
    expect(err(fmt('%q'))).toEqual({ ok: false, errno: 22 });
    expect(err(fmt('%d %d'), [1n])).toEqual({ ok: false, errno: 22 });
    expect(err(new TextEncoder().encode('abc'))).toEqual({ ok: false, errno: 22 });
    expect(err(new Uint8Array([0x61, 0x01, 0]))).toEqual({ ok: false, errno: 22 });
    expect(err(new Uint8Array([0x61, 0xc3, 0xa9, 0]))).toEqual({ ok: false, errno: 22 });
    expect(ok('tab\there\n', [])).toBe('tab\there\n');
    expect(ok('ab', [])).toBe('ab');
  });
  it('stops at the first NUL', () => {
    expect(bprintf(new Uint8Array([0x61, 0, 0x25, 0x71, 0]), [], read)).toEqual({ ok: true, text: 'a' });
  });
});

describe('tracePipeLine', () => {
  it('is the ftrace line: comm right-aligned to 16, pid left-aligned to 7, cpu 3 digits, flags, secs.usecs', () => {
    // Recorded from the kernel: "         python3-5116    [001] b..11  1740.813805: bpf_trace_printk: hello"
    expect(tracePipeLine('python3', 5116, 1, 1_740_813_805_999n, 'hello')).toBe('         python3-5116    [001] b..11  1740.813805: bpf_trace_printk: hello');
    expect(tracePipeLine('a-very-long-command-name', 1, 0, 0n, '')).toBe('a-very-long-comm-1       [000] b..11     0.000000: bpf_trace_printk: ');
  });
});

describe('checkSnprintfFormat vs the 6.18 verifier (testdata/printk-formats)', () => {
  const DIR = join(import.meta.dirname, '../../testdata/printk-formats');
  const golden = JSON.parse(readFileSync(join(DIR, 'snprintf_formats.golden.json'), 'utf8')) as { results: Record<string, { accepted: boolean; error: string[] | null }> };
  const obj = readElf(new Uint8Array(readFileSync(join(DIR, 'snprintf_formats.o'))), 'snprintf_formats.o', { sections: 'separate' }).object!;
  const src = readFileSync(join(DIR, 'snprintf_formats.c'), 'utf8');
  const cases = [...src.matchAll(/^CASE\((\w+), "((?:[^"\\]|\\.)*)", (.*)\)$/gm)];

  it('has the accepted and refused formats the kernel judged', () => {
    expect(cases.length).toBe(Object.keys(golden.results).length);
    expect(Object.values(golden.results).filter((r) => !r.accepted).length).toBeGreaterThanOrEqual(8);
  });

  for (const [, name, , args] of cases) {
    it(name, () => {
      // the format's bytes as clang placed them (`name.fmt` in .rodata), NUL included
      const ro = obj.globals.find((g) => g.symbols.some((y) => y.name === `${name}.fmt`))!;
      const sym = ro.symbols.find((y) => y.name === `${name}.fmt`)!;
      const fmt = ro.bytes.subarray(sym.offset, sym.offset + sym.size);
      const nargs = args.split(',').length;
      const want = golden.results[name];
      expect(checkSnprintfFormat(fmt, nargs)).toBe(want.accepted ? undefined : want.error![0]);
    });
  }
});
