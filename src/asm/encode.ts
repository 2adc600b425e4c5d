/**
 * Encoder: placed statements + labels -> slots, relocations and diagnostics.
 *
 * Resolves what the parsers could not: jump labels (offset = target - (pc + 1), checked against
 * the 16-bit `off` or, for gotol / ja32, the 32-bit `imm`), `call NAME` (a label in this file is a
 * bpf-to-bpf call, src=BPF_PSEUDO_CALL; a `bpf_` helper name is its id; anything else is left to
 * the loader as a `call` relocation with imm=-1, as clang emits extern calls), and `rN = NAME ll`
 * (a code label is a BPF_PSEUDO_FUNC address, as libbpf rewrites it; anything else is a map:
 * src=BPF_PSEUDO_MAP_FD, imm=0 and a `map` relocation for the loader).
 *
 * Deliberately not here: syntax, slot placement (index.ts), validity of the final encoding
 * (isa/validate.ts judges that).
 */

import { DiagCode } from '../diag/codes.ts';
import type { Diagnostic, Span } from '../diag/diagnostic.ts';
import { insn, type Insn } from '../isa/insn.ts';
import * as op from '../isa/opcodes.ts';
import { helperId } from '../kernel/helpers/names.ts';
import type { Stmt } from './ast.ts';

export interface Reloc {
  pc: number;
  symbol: string;
  kind: 'map' | 'call';
  span: Span;
}

export interface Placed {
  stmt: Stmt;
  pc: number;
}

export function encode(
  placed: readonly Placed[],
  nslots: number,
  labels: ReadonlyMap<string, number>,
  diags: Diagnostic[],
): { insns: Insn[]; spans: Array<Span | null>; relocs: Reloc[] } {
  const insns: Insn[] = Array.from({ length: nslots }, () => insn(0));
  const spans: Array<Span | null> = Array.from({ length: nslots }, () => null);
  const relocs: Reloc[] = [];
  const err = (code: number, message: string, span: Span): void => {
    diags.push({ code, severity: 'error', message, span });
  };
  for (const { stmt, pc } of placed) {
    const i: Insn = { ...stmt.insn };
    const f = stmt.fixup;
    if (f?.kind === 'jump') {
      const target = labels.get(f.name);
      if (target === undefined) err(DiagCode.UndefinedLabel, `undefined label '${f.name}'`, f.span);
      else {
        const rel = target - (pc + 1);
        if (f.field === 'off' && (rel < -32768 || rel > 32767)) {
          err(DiagCode.JumpOutOfRange, `jump to '${f.name}' is ${rel} slots away, beyond the 16-bit offset (-32768 .. 32767); use gotol`, f.span);
        } else if (f.field === 'off') i.off = rel;
        else i.imm = rel;
      }
    } else if (f?.kind === 'call') {
      const target = labels.get(f.name);
      const helper = f.name.startsWith('bpf_') ? helperId(f.name) : undefined;
      if (target !== undefined) {
        i.src = op.BPF_PSEUDO_CALL;
        i.imm = target - (pc + 1);
      } else if (f.localOnly) {
        err(DiagCode.UndefinedLabel, `undefined function label '${f.name}'`, f.span);
      } else if (helper !== undefined) {
        i.src = 0;
        i.imm = helper;
      } else {
        i.src = op.BPF_PSEUDO_CALL;
        i.imm = -1;
        relocs.push({ pc, symbol: f.name, kind: 'call', span: f.span });
      }
    } else if (f?.kind === 'ldsym') {
      const target = labels.get(f.name);
      if (target !== undefined) {
        i.src = op.BPF_PSEUDO_FUNC;
        i.imm = target - (pc + 1);
      } else {
        i.src = op.BPF_PSEUDO_MAP_FD;
        i.imm = 0;
        relocs.push({ pc, symbol: f.name, kind: 'map', span: f.span });
      }
    } else if (f?.kind === 'reloc') {
      relocs.push({ pc, symbol: f.name, kind: f.reloc, span: f.span });
    }
    insns[pc] = i;
    spans[pc] = stmt.span;
    if (i.code === 0x18) {
      insns[pc + 1] = insn(0, 0, 0, 0, stmt.hi ?? 0);
      spans[pc + 1] = stmt.span;
    }
  }
  return { insns, spans, relocs };
}
