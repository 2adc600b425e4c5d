/**
 * Operands shared by the pseudo-C dialects (LLVM and kernel log): registers `rN`/`wN`, memory
 * operands `(rN + off)` and size casts `(u32 *)`. Each reports its own error with a span and
 * returns null, so a statement parser can stop at the first bad operand of a line.
 */

import { DiagCode } from '../diag/codes.ts';
import type { Span } from '../diag/diagnostic.ts';
import * as op from '../isa/opcodes.ts';
import { Cursor, off16 } from './ast.ts';

export interface Reg {
  n: number;
  w: boolean;
  span: Span;
}

export const SIZES: Record<string, number> = { u8: op.BPF_B, u16: op.BPF_H, u32: op.BPF_W, u64: op.BPF_DW };
export const SX_SIZES: Record<string, number> = { s8: op.BPF_B, s16: op.BPF_H, s32: op.BPF_W };

export const isRegName = (s: string): boolean => /^[rw][0-9]+$/.test(s);

/** rN / wN with N in 0..10. */
export function reg(c: Cursor, what = 'register'): Reg | null {
  const t = c.peek();
  if (!t) return c.error(DiagCode.BadOperand, `expected a ${what} at end of line`);
  if (t.kind === 'id' && /^[rw]$/.test(t.text) && c.is('-', 1) && c.peek(2)?.kind === 'num') {
    const e = c.peek(2)!;
    c.i += 3;
    return c.error(DiagCode.BadRegisterName, `bad register '${t.text}-${e.text}': registers are r0 .. r10`, { file: c.file, start: t.start, end: e.end });
  }
  if (t.kind !== 'id' || !isRegName(t.text)) {
    return c.error(DiagCode.BadOperand, `expected a ${what}, found '${t.text}'`);
  }
  c.next();
  const n = Number(t.text.slice(1));
  const span = { file: c.file, start: t.start, end: t.end };
  if (n > 10) return c.error(DiagCode.BadRegisterName, `bad register '${t.text}': registers are r0 .. r10 (w0 .. w10)`, span);
  return { n, w: t.text[0] === 'w', span };
}

/** `(rN + off)` / `(rN - off)` / kernel `(rN +off)`. */
export function mem(c: Cursor, parens = true): { base: number; off: number; span: Span } | null {
  const start = c.here();
  if (parens && !c.expect('(', "'(' to start a memory operand (rN + off)")) return null;
  const b = reg(c, 'base register');
  if (!b) return null;
  if (b.w) return c.error(DiagCode.BadOperand, `a memory base register is 64-bit: write r${b.n}, not w${b.n}`, b.span);
  if (!c.is('+') && !c.is('-')) {
    return c.error(DiagCode.BadOperand, `malformed memory operand: expected '+ off' or '- off' after r${b.n} (write (r${b.n} + 0) for no offset)`);
  }
  const neg = c.next()!.text === '-';
  const n = c.peek();
  if (!n || n.kind !== 'num') return c.error(DiagCode.BadOperand, `malformed memory operand: expected a number after '${neg ? '-' : '+'}'`);
  c.next();
  const offSpan = { file: c.file, start: n.start, end: n.end };
  const off = off16(c, neg ? -n.value! : n.value!, offSpan);
  if (parens && !c.expect(')', "')' to close the memory operand")) return null;
  return { base: b.n, off, span: { file: c.file, start: start.start, end: n.end } };
}

/** `(u32 *)` / `(s16 *)` (the `*` before it is the caller's). */
export function sizeCast(c: Cursor, allowSigned: boolean): { size: number; signed: boolean } | null {
  if (!c.expect('(')) return null;
  const t = c.peek();
  const name = t?.kind === 'id' ? t.text : '';
  const signed = name in SX_SIZES;
  if (!(name in SIZES) && !(allowSigned && signed)) {
    return c.error(DiagCode.BadOperand, `expected a size (u8, u16, u32, u64${allowSigned ? ', s8, s16, s32' : ''})${t ? `, found '${t.text}'` : ''}`);
  }
  c.next();
  if (!c.expect('*') || !c.expect(')')) return null;
  return { size: signed ? SX_SIZES[name] : SIZES[name], signed };
}

/** `(u64 *)(r1 + 0)` as atomics spell it (the leading `*` is absent). */
export function sizedMem(c: Cursor, allowSigned: boolean): { size: number; base: number; off: number } | null {
  const sz = sizeCast(c, allowSigned);
  if (!sz) return null;
  const m = mem(c);
  return m && { size: sz.size, base: m.base, off: m.off };
}

