/**
 * What the dialect parsers hand to the encoder: one `Item` per label or instruction, with every
 * field already mapped to the kernel encoding (the parsers use `isa/opcodes.ts` constants) except
 * the parts that need the whole file: label offsets, symbols and helper names (`Fixup`).
 *
 * Also the token cursor the parsers share, and the range checks every dialect applies to
 * immediates and offsets (one place, so the three dialects report them alike).
 *
 * Deliberately not here: any syntax (see llvm.ts, ubpf.ts) or slot layout (encode.ts).
 */

import type { Diagnostic, Span } from '../diag/diagnostic.ts';
import { DiagCode } from '../diag/codes.ts';
import type { Insn } from '../isa/insn.ts';
import type { Tok } from './lexer.ts';

/** A name that is resolved once every label is known. */
export type Fixup =
  /** Jump: `off` (or `imm` for gotol/ja32) = label - (pc + 1). */
  | { kind: 'jump'; field: 'off' | 'imm'; name: string; span: Span }
  /** `call NAME`: local label -> src=1 pc-relative; helper name -> id; else a `call` reloc. */
  | { kind: 'call'; name: string; span: Span; localOnly?: boolean }
  /** `rN = NAME ll`: code label -> BPF_PSEUDO_FUNC; else a `map` reloc (src=BPF_PSEUDO_MAP_FD). */
  | { kind: 'ldsym'; name: string; span: Span }
  /** A relocation only, the encoding already chosen (kernel-log `map[id:5]`, objdump reloc lines). */
  | { kind: 'reloc'; reloc: 'map' | 'call'; name: string; span: Span };

export interface Stmt {
  kind: 'insn';
  /** The first slot, as far as known before fixups. */
  insn: Insn;
  /** For ld_imm64: the second slot's imm (upper 32 bits, or the map_value offset). */
  hi?: number;
  fixup?: Fixup;
  /** The instruction's text (the UI highlights it; errors without a better place point here). */
  span: Span;
  /** Kernel log: the `12:` slot index the log printed. */
  pc?: number;
  /** Kernel log: the `(61)` opcode the log printed, checked against the encoding. */
  code?: { value: number; span: Span };
}

export interface LabelItem {
  kind: 'label';
  name: string;
  span: Span;
}

export type Item = Stmt | LabelItem;

/** A relocation line from llvm-objdump -r output, applied to the previous instruction. */
export interface RelocItem {
  kind: 'reloc';
  type: string;
  symbol: string;
  span: Span;
}

export class Cursor {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly file: string,
    readonly diags: Diagnostic[],
    /** End of the statement text, for "expected X at end of line" spans. */
    readonly eol: number,
  ) {}
  peek(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }
  next(): Tok | undefined {
    return this.toks[this.i++];
  }
  atEnd(): boolean {
    return this.i >= this.toks.length;
  }
  is(text: string, k = 0): boolean {
    const t = this.toks[this.i + k];
    return t !== undefined && t.kind !== 'num' && t.text === text;
  }
  /** Consume `text` if it is next. */
  eat(text: string): boolean {
    if (this.is(text)) {
      this.i++;
      return true;
    }
    return false;
  }
  /** Span of the next token, or a one-character span at the end of the line. */
  here(): Span {
    const t = this.peek();
    return t ? { file: this.file, start: t.start, end: t.end } : { file: this.file, start: this.eol, end: this.eol };
  }
  error(code: number, message: string, span: Span = this.here()): null {
    this.diags.push({ code, severity: 'error', message, span });
    return null;
  }
  expect(text: string, what = `'${text}'`): boolean {
    if (this.eat(text)) return true;
    const t = this.peek();
    this.error(DiagCode.UnexpectedToken, t ? `expected ${what}, found '${t.text}'` : `expected ${what} at end of line`);
    return false;
  }
}

const S32_MIN = -(1n << 31n);
const U32_MAX = (1n << 32n) - 1n;

/** A 32-bit immediate: any value that fits s32, or a u32 bit pattern (0x80000000..0xffffffff). */
export function imm32(c: Cursor, v: bigint, span: Span, what = 'immediate'): number {
  if (v < S32_MIN || v > U32_MAX) {
    c.error(DiagCode.ImmOutOfRange, `${what} ${v} does not fit in 32 bits (allowed: ${S32_MIN} .. ${U32_MAX}, the top half as a bit pattern)`, span);
    return 0;
  }
  return Number(BigInt.asIntN(32, v));
}

/** A 16-bit signed offset. */
export function off16(c: Cursor, v: bigint, span: Span, what = 'offset'): number {
  if (v < -32768n || v > 32767n) {
    c.error(DiagCode.OffsetOutOfRange, `${what} ${v} does not fit in a signed 16-bit field (-32768 .. 32767)`, span);
    return 0;
  }
  return Number(v);
}

/** A 64-bit immediate (ld_imm64): s64 or u64. Returns [lo, hi] as signed 32-bit halves. */
export function imm64(c: Cursor, v: bigint, span: Span): [number, number] {
  if (v < -(1n << 63n) || v > (1n << 64n) - 1n) {
    c.error(DiagCode.ImmOutOfRange, `immediate ${v} does not fit in 64 bits`, span);
    return [0, 0];
  }
  const u = BigInt.asUintN(64, v);
  return [Number(BigInt.asIntN(32, u)), Number(BigInt.asIntN(32, u >> 32n))];
}

/** Parse an optionally signed number: `5`, `-0x10`, `+3`. Returns null (no diagnostic) if absent. */
export function signedNumber(c: Cursor): { value: bigint; span: Span } | null {
  const save = c.i;
  const first = c.peek();
  if (!first) return null;
  let neg = false;
  if (c.is('-') || c.is('+')) {
    neg = c.next()!.text === '-';
  }
  const t = c.peek();
  if (!t || t.kind !== 'num') {
    c.i = save;
    return null;
  }
  c.next();
  return { value: neg ? -t.value! : t.value!, span: { file: c.file, start: first.start, end: t.end } };
}
