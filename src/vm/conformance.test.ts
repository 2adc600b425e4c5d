// The bpf_conformance `.data` parser and runner: format rules from the suite's README, our own raw
// vectors in testdata/ (run without an assembler), every corpus file parsed, and — once
// src/asm/index.ts exists — all 235 corpus vectors run through the real assembler.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConformance, runConformance, runConformanceText, slotFromWord, type AssembleFn } from './conformance.ts';

const TESTDATA = fileURLToPath(new URL('./testdata', import.meta.url));
const CORPUS = '/work/shared/conformance/tests';
const ASM = new URL('../asm/index.ts', import.meta.url);

describe('parseConformance', () => {
  it('strips comments first, ignores lines before the first header, last result wins', () => {
    const text = '# SPDX: x -- not a header\nstray line\n-- asm\nmov %r0, 1 # set -- r0\nexit\n-- result\n0x5\n0X1f\n';
    const p = parseConformance(text, 't.data');
    expect(p.diagnostics).toEqual([]);
    expect(p.value!.sections).toEqual(['asm', 'result']);
    expect(p.value!.result).toBe(0x1fn);
    // asm text keeps offsets: the instruction is where it was, the comment is blanked
    const asm = p.value!.asm!;
    expect(asm.length).toBe(text.length);
    expect(asm.slice(text.indexOf('mov'), text.indexOf('mov') + 10)).toBe('mov %r0, 1');
    expect(asm).not.toContain('#');
    expect(asm).not.toContain('--');
    expect(asm.split('\n')[4]).toBe('exit');
  });
  it('reads mem over several lines, decimal results, CRLF, and sections in any order', () => {
    const p = parseConformance('-- result\r\n18446744073709551615\r\n-- mem\r\n00 ff\r\nAa 01\r\n-- asm\r\nexit\r\n', 't');
    expect(p.diagnostics).toEqual([]);
    expect(p.value!.result).toBe(0xffffffffffffffffn);
    expect(Array.from(p.value!.mem!)).toEqual([0, 0xff, 0xaa, 1]);
  });
  it('classifies headers by substring in upstream order', () => {
    const p = parseConformance('-- asm\nexit\n-- no register offset\ncall instruction\n-- c\nint x;\n-- result\n0\n', 't');
    expect(p.value!.sections).toEqual(['asm', 'no register offset', 'c', 'result']);
    expect(p.value!.result).toBe(0n);
  });
  it('decodes raw words as little-endian u64 slots', () => {
    expect(slotFromWord(0x5566778800000018n)).toEqual({ code: 0x18, dst: 0, src: 0, off: 0, imm: 0x55667788 });
    expect(slotFromWord(0xfffffffffffe21a5n)).toEqual({ code: 0xa5, dst: 1, src: 2, off: -2, imm: -1 });
    const p = parseConformance('-- raw\n0x95 149\n-- result\n0\n', 't');
    expect(p.value!.raw).toEqual([
      { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
      { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
    ]);
  });
  it('reports bad input as diagnostics with positions', () => {
    const bad = parseConformance('-- asm\nexit\n-- mem\n00 0g 11\n-- result\n0x1\n', 'f.data');
    expect(bad.value).toBeUndefined();
    expect(bad.diagnostics[0].message).toContain("bad mem byte '0g'");
    expect(bad.diagnostics[0].span).toEqual({ file: 'f.data', start: 22, end: 24 });
    expect(parseConformance('-- asm\nexit\n-- result\n0x12345678901234567\n', 'f').diagnostics[0].message).toContain('bad result');
    expect(parseConformance('-- asm\nexit\n-- bogus\n-- result\n1\n', 'f').diagnostics[0].message).toContain('unknown section header');
    expect(parseConformance('-- asm\nexit\n', 'f').diagnostics[0].message).toContain('no -- result');
    expect(parseConformance('-- raw\nzz\n-- result\n1\n', 'f').diagnostics[0].message).toContain("bad raw instruction word 'zz'");
  });
});

describe('runConformance on our raw vectors (no assembler needed)', () => {
  const noAsm: AssembleFn = () => {
    throw new Error('the assembler must not be called when -- raw is present');
  };
  const results = runConformance(TESTDATA, noAsm);
  const byFile = Object.fromEntries(results.map((r) => [r.file, r]));
  it('runs every file in the directory', () => {
    expect(Object.keys(byFile).sort()).toEqual(['raw-lddw.data', 'raw-loop.data', 'raw-mem.data', 'unwind.data', 'wrong-result.data']);
  });
  it.each(['raw-lddw.data', 'raw-loop.data', 'raw-mem.data', 'unwind.data'])('%s passes', (f) => {
    expect(byFile[f]).toMatchObject({ pass: true });
  });
  it('a wrong result fails with a reason', () => {
    expect(byFile['wrong-result.data']).toMatchObject({ pass: false, reason: 'r0 = 0x1, expected 0x2' });
  });
  it('assembler errors and runtime faults are failures with reasons', () => {
    const asmErr: AssembleFn = () => ({ insns: [], diagnostics: [{ code: 2001, severity: 'error', message: 'unknown mnemonic', span: { file: 'x', start: 7, end: 10 } }] });
    expect(runConformanceText('-- asm\nfoo\n-- result\n0\n', 'x', asmErr)).toMatchObject({ pass: false, reason: 'assembler: 2:1: unknown mnemonic' });
    const r = runConformanceText('-- raw\n0x0000000000000179\n0x95\n-- result\n0\n', 'y'); // ldxdw r1, [r1]: NULL
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/^fault at pc 0: BUG: kernel NULL pointer dereference/);
  });
  it('-- error cases pass only when the failure text matches', () => {
    const text = (e: string) => `-- raw\n0xff\n-- result\n0\n-- error\n${e}  \n`;
    const ok = runConformanceText(text('invalid at pc 0: BPF interpreter: unknown opcode 0xff at pc 0'), 'e');
    expect(ok.pass).toBe(true);
    expect(runConformanceText(text('something else'), 'e').pass).toBe(false);
  });
});

describe('the bpf_conformance corpus', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.data')) : [];
  it.skipIf(files.length === 0)('every file parses, with a program and a result', () => {
    expect(files.length).toBe(235);
    let withMem = 0;
    for (const f of files) {
      const p = parseConformance(readFileSync(`${CORPUS}/${f}`, 'latin1'), f);
      expect(p.diagnostics, f).toEqual([]);
      expect(p.value!.result, f).toBeDefined();
      expect(p.value!.asm ?? p.value!.raw, f).toBeDefined();
      if (p.value!.mem) withMem++;
    }
    expect(withMem).toBe(29);
    const ldxb = parseConformance(readFileSync(`${CORPUS}/ldxb.data`, 'latin1'), 'ldxb.data').value!;
    expect(Array.from(ldxb.mem!)).toEqual([0xaa, 0xbb, 0x11, 0xcc, 0xdd]);
    expect(ldxb.result).toBe(0x11n);
  });

  it.skipIf(!existsSync(fileURLToPath(ASM)) || files.length === 0)('all 235 vectors pass with src/asm', async () => {
    const mod = (await import(/* @vite-ignore */ ASM.href)) as { assemble: AssembleFn };
    const results = runConformance(CORPUS, mod.assemble);
    const failed = results.filter((r) => !r.pass).map((r) => `${r.file}: ${r.reason}`);
    expect(failed).toEqual([]);
    expect(results.length).toBe(235);
  });
});
