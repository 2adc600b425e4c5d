/**
 * The uBPF dialect against the bpf_conformance suite (/work/shared/conformance/tests, MIT): every
 * file's `-- asm` section must assemble without a diagnostic, to the same bytes llvm-mc-19 gives
 * for the program translated to LLVM syntax (testdata/conformance-llvm-mc19.txt, recorded by
 * scripts/record-asm-goldens.ts), and, where a file has a `-- raw` section, to exactly its words.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeInsns } from '../isa/insn.ts';
import { assemble } from './index.ts';

const CONF = '/work/shared/conformance/tests';
const files = existsSync(CONF) ? readdirSync(CONF).filter((f) => f.endsWith('.data')).sort() : [];
const golden = new Map(
  readFileSync(join(import.meta.dirname, 'testdata/conformance-llvm-mc19.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t') as [string, string]),
);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The sections of a .data file, as the upstream parser classifies headers. */
function sections(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let cur = '';
  for (const raw of text.split('\n')) {
    const l = raw.replace(/#.*/, '').replace(/\r$/, '');
    if (l.includes('--')) {
      cur = ['asm', 'result', 'mem', 'raw', 'no register offset', ' c', 'error'].find((k) => l.includes(k)) ?? 'other';
      out[cur] = [];
    } else if (cur && l.trim()) out[cur].push(l);
  }
  return out;
}

describe.skipIf(files.length === 0)('bpf_conformance', () => {
  it('has all 235 files and a golden for each', () => {
    expect(files.length).toBe(235);
    for (const f of files) expect(golden.has(f), f).toBe(true);
  });
  it.each(files)('%s', (f) => {
    const text = readFileSync(join(CONF, f), 'utf8');
    const s = sections(text);
    const asm = s.asm.join('\n');
    const r = assemble(asm, { file: f, dialect: 'ubpf' });
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe(golden.get(f));
    // the whole file, dialect auto-detected, gives the same program (only `-- asm` is read)
    const whole = assemble(text, { file: f });
    expect(whole.dialect).toBe('ubpf');
    expect(whole.insns).toEqual(r.insns);
    if (s.raw) {
      const words = s.raw.join(' ').trim().split(/\s+/).map((w) => BigInt(w));
      const want = Buffer.alloc(words.length * 8);
      words.forEach((w, k) => want.writeBigUInt64LE(BigInt.asUintN(64, w), k * 8));
      expect(hex(encodeInsns(r.insns))).toBe(want.toString('hex'));
    }
  });
  it('checks a -- raw section against the assembly (format of the upstream file kept aside)', () => {
    // lddw r0 with low imm 0x55667788 (README example word) and exit
    const text = '-- asm\nlddw %r0, 0x1122334455667788\nexit\n-- raw\n0x5566778800000018 0x1122334400000000 0x0000000000000095\n-- result\n0x1122334455667788\n';
    const s = sections(text);
    const r = assemble(text);
    const want = Buffer.alloc(24);
    s.raw.join(' ').split(/\s+/).forEach((w, k) => want.writeBigUInt64LE(BigInt(w), k * 8));
    expect(hex(encodeInsns(r.insns))).toBe(want.toString('hex'));
  });
});

describe('uBPF dialect details', () => {
  it('implicit exit label, registers without %, long jumps, local calls and callx', () => {
    const r = assemble('jeq r1, 0, exit\nja32 L\ncall local f\nL:\ncall %r2\nexit\nf:\nexit', { dialect: 'ubpf' });
    expect(r.diagnostics).toEqual([]);
    expect(r.insns).toEqual([
      { code: 0x15, dst: 1, src: 0, off: 3, imm: 0 }, // the first exit is slot 4
      { code: 0x06, dst: 0, src: 0, off: 0, imm: 1 },
      { code: 0x85, dst: 0, src: 1, off: 0, imm: 2 }, // f is slot 5
      { code: 0x8d, dst: 2, src: 0, off: 0, imm: 0 },
      { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
      { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
    ]);
    expect(r.labels).toEqual({ L: 3, f: 5, exit: 4 });
  });
});
