/**
 * Round trips through the ISA printer (src/isa/disasm.ts): for every llvm-mc golden, every
 * bpf_conformance program and the kernel-log program, assemble -> disassemble (llvm, and kernel)
 * -> assemble must give the same bytes. The first assembly is itself checked against LLVM / the
 * kernel in llvm.test.ts, conformance.test.ts and kernel.test.ts.
 *
 * What the printed text cannot carry, by design of the formats themselves, is compared as the text
 * reads back: llvm-objdump prints a bpf-to-bpf call (src=1) as `call 0x5`, the same text as
 * helper 5; the verifier log prints a map ld_imm64 as its pointer value (the map shows only in
 * the register state) and callx as `call bpf_unspec#0` (the register is lost).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disassemble, type OutDialect } from '../isa/disasm.ts';
import { encodeInsns, type Insn } from '../isa/insn.ts';
import { assemble, type AsmResult } from './index.ts';
import { goldenLines } from './llvm.test.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The slots as the `dialect` text can express them (see the file comment). */
function expressible(insns: readonly Insn[], dialect: OutDialect): string {
  return hex(
    encodeInsns(
      insns.map((i) => {
        if (dialect === 'llvm' && i.code === 0x85 && i.src === 1) return { ...i, src: 0 };
        if (dialect === 'kernel' && i.code === 0x18 && (i.src === 1 || i.src === 2)) return { ...i, src: 0 };
        return i;
      }),
    ),
  );
}

function again(r: AsmResult, dialect: OutDialect): { text: string; insns: Insn[]; errors: string[] } {
  const sym = new Map(r.relocs.map((x) => [x.pc, x.symbol]));
  const text = disassemble(r.insns, { dialect, symbolAt: (pc) => sym.get(pc) })
    .map((l) => l.text)
    .join('\n');
  const back = assemble(text, { dialect, file: `roundtrip.${dialect}` });
  return { text, insns: back.insns, errors: back.diagnostics.map((d) => `${d.message} in: ${text.slice(d.span!.start - 20, d.span!.end + 20)}`) };
}

describe.each(['llvm', 'kernel'] as const)('assemble -> disassemble(%s) -> assemble', (dialect) => {
  it.each(goldenLines().filter((g) => !(dialect === 'kernel' && g.line.startsWith('callx'))))('$line', ({ line }) => {
    const r = assemble(line, { dialect: 'llvm' });
    const b = again(r, dialect);
    expect(b.errors).toEqual([]);
    expect(hex(encodeInsns(b.insns)), b.text).toBe(hex(encodeInsns(r.insns)));
  });
  it.each(['kernel-forms.log', 'kernel-skb.log'])('the program of %s', (f) => {
    const r = assemble(readFileSync(join(import.meta.dirname, 'testdata', f), 'utf8'));
    const b = again(r, dialect);
    expect(b.errors).toEqual([]);
    expect(hex(encodeInsns(b.insns))).toBe(expressible(r.insns, dialect));
  });
  const CONF = '/work/shared/conformance/tests';
  const files = existsSync(CONF) ? readdirSync(CONF).filter((f) => f.endsWith('.data')) : [];
  it.skipIf(files.length === 0)('every bpf_conformance program', () => {
    for (const f of files) {
      if (dialect === 'kernel' && f === 'callx.data') continue; // the kernel prints callx as `call bpf_unspec#0`
      const r = assemble(readFileSync(join(CONF, f), 'utf8'), { file: f });
      const b = again(r, dialect);
      expect(b.errors, f).toEqual([]);
      expect(hex(encodeInsns(b.insns)), f).toBe(expressible(r.insns, dialect));
    }
  });
});
