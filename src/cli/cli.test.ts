/**
 * The command-line contract (DESIGN.md "The command line"), driven in-process. Expectations come
 * from LLVM 19 (listings and bytes recorded in testdata/, see its README) or are computed by hand.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from './main.ts';

const T = 'src/cli/testdata';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, Uint8Array | string>();
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: (p, d) => files.set(p, d) };
  const code = await main(argv, io);
  return { code, out: out.join('\n').split('\n'), err, files };
}

const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => l.length);

describe('asm', () => {
  it('prints the same listing as llvm-objdump-19 for a loop', async () => {
    const r = await cli('asm', `${T}/sum.s`);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual(lines(`${T}/sum.objdump`));
  });
  it('writes the bytes llvm-mc-19 produces with -o', async () => {
    for (const f of ['sum', 'forms']) {
      const r = await cli('asm', `${T}/${f}.s`, '-o', 'out.bin');
      expect(r.code).toBe(0);
      expect(Array.from(r.files.get('out.bin') as Uint8Array)).toEqual(Array.from(readFileSync(`${T}/${f}.bin`)));
    }
  });
  it('reports every bad line with file:line:col and exits 2', async () => {
    const r = await cli('asm', `${T}/bad-mnemonic.s`);
    expect(r.code).toBe(2);
    expect(r.err.some((l) => l.startsWith(`${T}/bad-mnemonic.s:2:2: error: `))).toBe(true);
    expect(r.err.some((l) => l.startsWith(`${T}/bad-mnemonic.s:3:`))).toBe(true);
    expect(r.out.join('')).toBe('');
  });
  it('reports a jump to an undefined label at its line', async () => {
    const r = await cli('asm', `${T}/undefined-label.s`);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(new RegExp(`^${T}/undefined-label.s:2:\\d+: error: .*LBB0_9`));
  });
  it('reports a missing file in one line', async () => {
    const r = await cli('asm', `${T}/nope.s`);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`${T}/nope.s: error: cannot read file: ENOENT`]);
  });
});

describe('disasm', () => {
  it('prints the same text as llvm-objdump-19 for raw bytecode', async () => {
    const r = await cli('disasm', `${T}/forms.bin`);
    expect(r.code).toBe(0);
    expect(r.out).toEqual(lines(`${T}/forms.objdump`));
  });
  it('prints the verifier-log dialect with --dialect kernel', async () => {
    const r = await cli('disasm', `${T}/sum.bin`, '--dialect', 'kernel');
    expect(r.code).toBe(0);
    // As the Linux verifier log prints these (kernel/bpf/disasm.c formats).
    expect(r.out[0]).toBe('0: (b7) r0 = 0');
    expect(r.out[1]).toBe('1: (7b) *(u64 *)(r10 -8) = r0');
    expect(r.out[3]).toBe('3: (3d) if r3 >= r2 goto pc+8');
    expect(r.out[r.out.length - 1]).toBe('13: (95) exit');
  });
  it('rejects truncated bytecode with the byte count', async () => {
    const r = await cli('disasm', `${T}/truncated.bin`);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^src\/cli\/testdata\/truncated\.bin: error: truncated bytecode: 11 bytes/);
  });
  it('rejects odd-length hex at its line and column', async () => {
    const r = await cli('disasm', `${T}/odd.hex`);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^src\/cli\/testdata\/odd\.hex:2:19: error: odd number of hex digits/);
  });
  it('rejects an unknown dialect', async () => {
    const r = await cli('disasm', `${T}/forms.bin`, '--dialect', 'intel');
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/unknown output dialect 'intel'/);
  });
});

describe('run', () => {
  it('sums the --mem bytes (1+2+3+4+255 = 265)', async () => {
    const r = await cli('run', `${T}/sum.s`, '--mem', '01020304ff', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out[0]);
    expect(j.retval).toBe(265);
    expect(j.r0).toBe('0x109');
    expect(j.exited).toBe(true);
    // 3 setup insns, 9 per byte (5 bytes), then the failing test, the final load and exit
    expect(j.steps).toBe(3 + 9 * 5 + 3);
    expect(j.mem).toBe('01020304ff');
  });
  it('traces each step with the registers it wrote', async () => {
    const r = await cli('run', `${T}/sum.s`, '--mem', '0a', '--json', '--trace');
    const j = JSON.parse(r.out[0]);
    expect(j.trace[0]).toMatchObject({ pc: 0, insn: 'r0 = 0x0', regs: { r0: '0x0' } });
    expect(j.trace[1].mem[0]).toMatchObject({ size: 8, value: '0x0' });
    const last = j.trace[j.trace.length - 1];
    expect(last.insn).toBe('exit');
    expect(j.r0).toBe('0xa');
  });
  it('stops an infinite loop at the instruction budget', async () => {
    const r = await cli('run', `${T}/forever.s`, '--budget', '1000', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out[0]);
    expect(j.oops.kind).toBe('budget');
    expect(j.steps).toBe(1000);
  });
  it('turns a NULL dereference into a simulated oops naming the pc', async () => {
    const r = await cli('run', `${T}/fault.s`, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out[0]);
    expect(j.oops).toMatchObject({ kind: 'fault', pc: 0, address: '0x0' });
    expect(j.oops.message).toMatch(/BUG/);
  });
  it('rejects odd-length --mem with its column', async () => {
    const r = await cli('run', `${T}/sum.s`, '--mem', '0102f');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('ebpf-playground run: error: --mem, column 1: odd number of hex digits (5) in \'0102f\'');
  });
  it('rejects unknown options and commands in one line', async () => {
    expect((await cli('run', `${T}/sum.s`, '--bogus')).err).toEqual(["ebpf-playground run: error: unknown option '--bogus'"]);
    expect((await cli('frob')).code).toBe(2);
  });
});

describe('conformance', () => {
  it('passes every bpf_conformance vector', async () => {
    const r = await cli('conformance', '../shared/conformance/tests');
    expect(r.out.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(r.out[r.out.length - 1]).toBe('235 passed, 0 failed');
    expect(r.code).toBe(0);
  }, 60_000);
  it('names a failing vector and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conf-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'wrong.data'), '-- asm\nmov %r0, 1\nexit\n-- result\n0x2\n');
    const r = await cli('conformance', dir);
    expect(r.code).toBe(1);
    expect(r.out[0]).toMatch(/^FAIL wrong\.data: /);
    expect(r.out[r.out.length - 1]).toBe('0 passed, 1 failed');
  });
});
