/**
 * LLVM dialect against LLVM 19 itself: every golden line must assemble to the bytes
 * `llvm-mc-19 -show-encoding` gave (testdata/llvm-mc19.txt), multi-line programs with labels to
 * the bytes of llvm-mc's object (llvm-mc19-programs.txt), and llvm-objdump-19's own listing of
 * the golden object must assemble back to its byte column (llvm-objdump19.txt).
 * All goldens are recorded by scripts/record-asm-goldens.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeInsns } from '../isa/insn.ts';
import { assemble } from './index.ts';

const dir = join(import.meta.dirname, 'testdata');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export function goldenLines(): Array<{ line: string; hex: string }> {
  return readFileSync(join(dir, 'llvm-mc19.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [line, h] = l.split('\t');
      return { line, hex: h };
    });
}

describe('llvm-mc-19 goldens', () => {
  const rows = goldenLines();
  it('has at least 250 distinct lines', () => {
    expect(new Set(rows.map((r) => r.line)).size).toBeGreaterThanOrEqual(250);
  });
  it.each(rows)('$line', ({ line, hex: want }) => {
    const r = assemble(line, { dialect: 'llvm' });
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe(want);
  });
  it('auto-detects every golden line as llvm (or a form all dialects share)', () => {
    for (const { line, hex: want } of rows) {
      const r = assemble(line);
      expect(r.dialect === 'llvm' || hex(encodeInsns(r.insns)) === want, line).toBe(true);
    }
  });
  it('assembles all golden lines as one file', () => {
    const r = assemble(rows.map((x) => x.line).join('\n'));
    expect(r.dialect).toBe('llvm');
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe(rows.map((x) => x.hex).join(''));
    // one span per slot, pointing at the line that produced it
    const text = rows.map((x) => x.line).join('\n');
    expect(text.slice(r.spans[0]!.start, r.spans[0]!.end)).toBe(rows[0].line);
  });
});

describe('every text llvm-objdump-19 prints (opcode sweep), as llvm-mc-19 assembles it', () => {
  const rows = readFileSync(join(dir, 'llvm-objdump19-sweep.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t') as [string, string]);
  it('has the sweep', () => expect(rows.length).toBeGreaterThan(1000));
  it('assembles each text to llvm-mc-19\'s bytes', () => {
    const bad: string[] = [];
    for (const [text, want] of rows) {
      const r = assemble(text, { dialect: 'llvm' });
      const got = r.diagnostics.length ? r.diagnostics[0].message : hex(encodeInsns(r.insns));
      if (got !== want) bad.push(`${text}: want ${want}, got ${got}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('llvm-mc-19 programs with labels', () => {
  const text = readFileSync(join(dir, 'llvm-mc19-programs.txt'), 'utf8');
  const progs = [...text.matchAll(/^=== (.*)\n([\s\S]*?)\n--- ([0-9a-f]+)$/gm)].map((m) => ({ name: m[1], src: m[2], hex: m[3] }));
  it('found the programs', () => expect(progs.length).toBeGreaterThanOrEqual(4));
  it.each(progs)('$name', ({ src, hex: want }) => {
    const r = assemble(src, { file: 'p.s' });
    expect(r.diagnostics).toEqual([]);
    expect(r.dialect).toBe('llvm');
    expect(hex(encodeInsns(r.insns))).toBe(want);
  });
});

describe('llvm-objdump-19 output pasted back', () => {
  const listing = readFileSync(join(dir, 'llvm-objdump19.txt'), 'utf8');
  it('assembles to its own byte column', () => {
    const want = [...listing.matchAll(/^\s*\d+:\t((?:[0-9a-f]{2} ?)+)\t/gm)].map((m) => m[1].replace(/ /g, '')).join('');
    const r = assemble(listing, { file: 'golden.objdump' });
    expect(r.dialect).toBe('llvm');
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe(want);
    expect(want.length).toBeGreaterThan(250 * 16);
  });
  it('reads function headers as labels and relocation lines as relocs', () => {
    // llvm-objdump-19 -dr of clang-19 output (map lookup + bpf-to-bpf call), trimmed
    const text = [
      'p.o:\tfile format elf64-bpf',
      '',
      'Disassembly of section xdp:',
      '',
      '0000000000000000 <prog>:',
      '       0:\t18 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00\tr1 = 0x0 ll',
      '\t\t0000000000000000:  R_BPF_64_64\tcounts',
      '       2:\t85 00 00 00 01 00 00 00\tcall 0x1',
      '       3:\t15 00 01 00 00 00 00 00\tif r0 == 0x0 goto +0x1 <prog+0x28>',
      '       4:\t85 10 00 00 ff ff ff ff\tcall -0x1',
      '\t\t0000000000000020:  R_BPF_64_32\t.text',
      '       5:\t95 00 00 00 00 00 00 00\texit',
    ].join('\n');
    const r = assemble(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.labels).toEqual({ prog: 0 });
    expect(r.relocs.map(({ pc, symbol, kind }) => ({ pc, symbol, kind }))).toEqual([
      { pc: 0, symbol: 'counts', kind: 'map' },
      { pc: 4, symbol: '.text', kind: 'call' },
    ]);
    // the brief's map encoding: src = BPF_PSEUDO_MAP_FD, imm = 0; the call keeps imm -1, src = 1
    expect(hex(encodeInsns(r.insns))).toBe('1811000000000000' + '0000000000000000' + '8500000001000000' + '1500010000000000' + '85100000ffffffff' + '9500000000000000');
  });
});

describe('llvm-objdump-19 listing of a bpf-to-bpf call', () => {
  // llvm-objdump-19 -d of llvm-mc-19 output for `f: call g ... g: ...`: the text `call 0x5` is the
  // same as helper 5's; the byte column (src=1) tells them apart.
  it('takes the call kind from the byte column', () => {
    const r = assemble('0000000000000000 <f>:\n       0:\t85 10 00 00 05 00 00 00\tcall 0x5\n       1:\t85 00 00 00 05 00 00 00\tcall 0x5\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.insns.map((i) => i.src)).toEqual([1, 0]);
  });
});

describe('symbols, helpers and calls', () => {
  it('r1 = counts ll is an ld_imm64 with src=BPF_PSEUDO_MAP_FD and a map reloc', () => {
    const r = assemble('r1 = counts ll\nexit', { file: 'm.s' });
    expect(r.diagnostics).toEqual([]);
    expect(r.insns[0]).toEqual({ code: 0x18, dst: 1, src: 1, off: 0, imm: 0 });
    expect(r.relocs).toEqual([{ pc: 0, symbol: 'counts', kind: 'map', span: { file: 'm.s', start: 5, end: 11 } }]);
  });
  it('call bpf_map_lookup_elem is helper 1; call of a local label is src=1 pc-relative', () => {
    const r = assemble('call bpf_map_lookup_elem\ncall f\nexit\nf:\nr0 = 0\nexit');
    expect(r.diagnostics).toEqual([]);
    expect(r.insns[0]).toEqual({ code: 0x85, dst: 0, src: 0, off: 0, imm: 1 });
    expect(r.insns[1]).toEqual({ code: 0x85, dst: 0, src: 1, off: 0, imm: 1 });
    expect(r.labels).toEqual({ f: 3 });
  });
  it('call of an unknown symbol is left to the loader (src=1, imm=-1, call reloc), as clang emits it', () => {
    const r = assemble('call ext_fn\nexit');
    expect(r.insns[0]).toEqual({ code: 0x85, dst: 0, src: 1, off: 0, imm: -1 });
    expect(r.relocs.map((x) => [x.pc, x.symbol, x.kind])).toEqual([[0, 'ext_fn', 'call']]);
  });
  it('rN = func ll of a code label is a BPF_PSEUDO_FUNC address', () => {
    const r = assemble('r2 = cb ll\nexit\ncb:\nexit');
    expect(r.insns[0]).toEqual({ code: 0x18, dst: 2, src: 4, off: 0, imm: 2 }); // cb is slot 3 = 0 + 1 + 2
    expect(r.relocs).toEqual([]);
  });
  it('ignores directives and reads data-section labels as symbols, not code labels', () => {
    const src = '\t.section\t.maps,"aw",@progbits\ncounts:\n\t.zero\t8\n\t.text\nprog:\n\tr1 = counts ll\n\texit\n';
    const r = assemble(src);
    expect(r.diagnostics).toEqual([]);
    expect(r.labels).toEqual({ prog: 0 });
    expect(r.relocs.map((x) => x.symbol)).toEqual(['counts']);
  });
  it('accepts the comment styles #, //, ; and /* */', () => {
    const r = assemble('r0 = 1 # a\nr0 += 2 // b\nr0 += 3 ; c\n/* d\n e */ exit');
    expect(r.diagnostics).toEqual([]);
    expect(hex(encodeInsns(r.insns))).toBe('b700000001000000' + '0700000002000000' + '0700000003000000' + '9500000000000000');
  });
});
