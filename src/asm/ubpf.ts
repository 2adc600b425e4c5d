/**
 * Parser for the bpf_conformance / uBPF mnemonic dialect (`mov32 %r0, 1`, `ldxh %r0, [%r1+2]`,
 * `lock fetch xor32 [%r10-8], %r1`, `jeq %r1, 0, exit`), one statement -> one `Stmt`.
 *
 *   stmt  := alu dst ',' (reg|imm) | ('neg'|'neg32'|'be16'…|'bswap64') dst
 *          | 'lddw' dst ',' imm64 | ldx dst ',' mem | st mem ',' imm | stx mem ',' reg
 *          | 'lock' ['fetch'] aop mem ',' reg | jcc dst ',' (reg|imm) ',' target
 *          | ('ja'|'ja32') target | 'call' (imm | 'local' label | reg) | 'exit'
 *   mem   := '[' reg [('+'|'-') n] ']'        reg := ['%'] 'r' N      target := ±N | label
 *
 * The format is exactly the one described in /work/shared/conformance/README.md (registers may
 * also be written without `%`). Deliberately not here: labels and the implicit `exit` label
 * (index.ts / encode.ts handle those for every dialect).
 */

import { DiagCode } from '../diag/codes.ts';
import type { Span } from '../diag/diagnostic.ts';
import * as op from '../isa/opcodes.ts';
import { insn, BPF_LD_IMM64 } from '../isa/insn.ts';
import { Cursor, imm32, imm64, off16, signedNumber, type Stmt } from './ast.ts';

const ALU: Record<string, number> = {
  add: op.BPF_ADD, sub: op.BPF_SUB, mul: op.BPF_MUL, div: op.BPF_DIV, or: op.BPF_OR, and: op.BPF_AND,
  lsh: op.BPF_LSH, rsh: op.BPF_RSH, mod: op.BPF_MOD, xor: op.BPF_XOR, mov: op.BPF_MOV, arsh: op.BPF_ARSH,
  sdiv: op.BPF_DIV, smod: op.BPF_MOD,
};
const JCC: Record<string, number> = {
  jeq: op.BPF_JEQ, jgt: op.BPF_JGT, jge: op.BPF_JGE, jset: op.BPF_JSET, jne: op.BPF_JNE, jsgt: op.BPF_JSGT,
  jsge: op.BPF_JSGE, jlt: op.BPF_JLT, jle: op.BPF_JLE, jslt: op.BPF_JSLT, jsle: op.BPF_JSLE,
};
const SIZE: Record<string, number> = { b: op.BPF_B, h: op.BPF_H, w: op.BPF_W, dw: op.BPF_DW };
const ATOMIC: Record<string, number> = { add: op.BPF_ADD, or: op.BPF_OR, and: op.BPF_AND, xor: op.BPF_XOR };

export function parseUbpf(c: Cursor, span: Span): Stmt | null {
  const s = statement(c, span);
  if (!s) return null;
  if (!c.atEnd()) {
    const t = c.peek()!;
    c.error(DiagCode.UnexpectedToken, `unexpected '${t.text}' after the instruction`, { file: c.file, start: t.start, end: c.toks[c.toks.length - 1].end });
    return null;
  }
  return s;
}

function statement(c: Cursor, span: Span): Stmt | null {
  const t = c.next()!;
  const m = t.kind === 'id' ? t.text.toLowerCase() : '';
  const mk = (code: number, dst = 0, src = 0, off = 0, imm = 0): Stmt => ({ kind: 'insn', insn: insn(code, dst, src, off, imm), span });
  const mspan = { file: c.file, start: t.start, end: t.end };
  let g: RegExpExecArray | null;

  if (m === 'exit') return mk(op.BPF_JMP | op.BPF_EXIT);
  if ((g = /^(add|sub|mul|div|or|and|lsh|rsh|mod|xor|mov|arsh|sdiv|smod)(32)?$/.exec(m))) {
    const cls = g[2] ? op.BPF_ALU : op.BPF_ALU64;
    const d = reg(c);
    if (d === null || !comma(c)) return null;
    const s = mk(cls | ALU[g[1]], d, 0, g[1] === 'sdiv' || g[1] === 'smod' ? 1 : 0);
    return regOrImm(c, s);
  }
  if ((g = /^neg(32)?$/.exec(m))) {
    const d = reg(c);
    return d === null ? null : mk((g[1] ? op.BPF_ALU : op.BPF_ALU64) | op.BPF_NEG, d);
  }
  if ((g = /^movsx(8|16|32)(64|32)$/.exec(m))) {
    if (g[1] === '32' && g[2] === '32') return c.error(DiagCode.UnknownMnemonic, `unknown instruction '${t.text}'`, mspan);
    const d = reg(c);
    if (d === null || !comma(c)) return null;
    const r = reg(c);
    return r === null ? null : mk((g[2] === '64' ? op.BPF_ALU64 : op.BPF_ALU) | op.BPF_MOV | op.BPF_X, d, r, Number(g[1]));
  }
  if ((g = /^(be|le|bswap|swap)(16|32|64)$/.exec(m))) {
    const d = reg(c);
    if (d === null) return null;
    const code = g[1] === 'be' ? op.BPF_ALU | op.BPF_END | op.BPF_TO_BE : g[1] === 'le' ? op.BPF_ALU | op.BPF_END | op.BPF_TO_LE : op.BPF_ALU64 | op.BPF_END;
    return mk(code, d, 0, 0, Number(g[2]));
  }
  if (m === 'lddw') {
    const d = reg(c);
    if (d === null || !comma(c)) return null;
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, 'expected a 64-bit immediate');
    const [lo, hi] = imm64(c, n.value, n.span);
    const s = mk(BPF_LD_IMM64, d, 0, 0, lo);
    s.hi = hi;
    return s;
  }
  if ((g = /^ldx(s)?(b|h|w|dw)$/.exec(m))) {
    if (g[1] && g[2] === 'dw') return c.error(DiagCode.UnknownMnemonic, `unknown instruction '${t.text}'`, mspan);
    const d = reg(c);
    if (d === null || !comma(c)) return null;
    const a = mem(c);
    return a && mk(op.BPF_LDX | (g[1] ? op.BPF_MEMSX : op.BPF_MEM) | SIZE[g[2]], d, a.base, a.off);
  }
  if ((g = /^st(x)?(b|h|w|dw)$/.exec(m))) {
    const a = mem(c);
    if (!a || !comma(c)) return null;
    if (g[1]) {
      const r = reg(c);
      return r === null ? null : mk(op.BPF_STX | op.BPF_MEM | SIZE[g[2]], a.base, r, a.off);
    }
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, 'expected an immediate to store');
    return mk(op.BPF_ST | op.BPF_MEM | SIZE[g[2]], a.base, 0, a.off, imm32(c, n.value, n.span));
  }
  if ((g = /^ld(abs|ind)(b|h|w|dw)$/.exec(m))) {
    let src = 0;
    if (g[1] === 'ind') {
      const r = reg(c);
      if (r === null || !comma(c)) return null;
      src = r;
    }
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, 'expected an immediate');
    return mk(op.BPF_LD | (g[1] === 'abs' ? op.BPF_ABS : op.BPF_IND) | SIZE[g[2]], 0, src, 0, imm32(c, n.value, n.span));
  }
  if (m === 'lock') return lock(c, span);
  if ((g = /^(jeq|jgt|jge|jset|jne|jsgt|jsge|jlt|jle|jslt|jsle)(32)?$/.exec(m))) {
    const d = reg(c);
    if (d === null || !comma(c)) return null;
    const s = mk((g[2] ? op.BPF_JMP32 : op.BPF_JMP) | JCC[g[1]], d);
    if (!regOrImm(c, s) || !comma(c)) return null;
    return target(c, s, 'off');
  }
  if (m === 'ja') return target(c, mk(op.BPF_JMP | op.BPF_JA), 'off');
  if (m === 'ja32') return target(c, mk(op.BPF_JMP32 | op.BPF_JA), 'imm');
  if (m === 'call') {
    if (c.is('local')) {
      c.next();
      const l = c.next();
      if (!l || l.kind !== 'id') return c.error(DiagCode.BadOperand, 'expected a function label after call local');
      const s = mk(op.BPF_JMP | op.BPF_CALL, 0, op.BPF_PSEUDO_CALL);
      s.fixup = { kind: 'call', name: l.text, span: { file: c.file, start: l.start, end: l.end }, localOnly: true };
      return s;
    }
    if (c.is('%') || (c.peek()?.kind === 'id' && /^r\d+$/.test(c.peek()!.text))) {
      const r = reg(c);
      return r === null ? null : mk(op.BPF_JMP | op.BPF_CALL | op.BPF_X, r);
    }
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, "expected a helper id, 'local LABEL' or a register after call");
    return mk(op.BPF_JMP | op.BPF_CALL, 0, 0, 0, imm32(c, n.value, n.span, 'helper id'));
  }
  return c.error(DiagCode.UnknownMnemonic, `unknown instruction '${t.text}'`, mspan);
}

function comma(c: Cursor): boolean {
  return c.expect(',');
}

/** `%rN` or `rN`, N in 0..10; returns the number or null. */
function reg(c: Cursor): number | null {
  const start = c.peek();
  const pct = c.eat('%');
  const t = c.peek();
  const from = start?.start ?? c.eol;
  if (!t) return c.error(DiagCode.BadOperand, 'expected a register at end of line');
  if (t.kind === 'id' && t.text === 'r' && c.is('-', 1) && c.peek(2)?.kind === 'num') {
    const e = c.peek(2)!;
    c.i += 3;
    return c.error(DiagCode.BadRegisterName, `bad register '${pct ? '%' : ''}r-${e.text}': registers are %r0 .. %r10`, { file: c.file, start: from, end: e.end });
  }
  if (t.kind !== 'id' || !/^r[0-9]+$/.test(t.text)) return c.error(DiagCode.BadOperand, `expected a register (%r0 .. %r10), found '${t.text}'`);
  c.next();
  const n = Number(t.text.slice(1));
  if (n > 10) return c.error(DiagCode.BadRegisterName, `bad register '${pct ? '%' : ''}${t.text}': registers are %r0 .. %r10`, { file: c.file, start: from, end: t.end });
  return n;
}

function isRegNext(c: Cursor): boolean {
  const t = c.peek();
  return c.is('%') || (t?.kind === 'id' && /^r[0-9]*$/.test(t.text));
}

function regOrImm(c: Cursor, s: Stmt): Stmt | null {
  if (isRegNext(c)) {
    const r = reg(c);
    if (r === null) return null;
    s.insn.code |= op.BPF_X;
    s.insn.src = r;
    return s;
  }
  const n = signedNumber(c);
  if (!n) return c.error(DiagCode.BadOperand, `expected a register or immediate${c.peek() ? `, found '${c.peek()!.text}'` : ' at end of line'}`);
  s.insn.imm = imm32(c, n.value, n.span);
  return s;
}

/** `[%rN]`, `[%rN+4]`, `[%rN-8]`. */
function mem(c: Cursor): { base: number; off: number } | null {
  if (!c.expect('[', "'[' to start a memory operand")) return null;
  const b = reg(c);
  if (b === null) return null;
  let off = 0;
  if (c.is('+') || c.is('-')) {
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, 'malformed memory operand: expected a number after the sign');
    off = off16(c, n.value, n.span);
  }
  if (!c.expect(']', "']' to close the memory operand")) return null;
  return { base: b, off };
}

function lock(c: Cursor, span: Span): Stmt | null {
  const fetch = c.eat('fetch');
  const t = c.next();
  const g = t?.kind === 'id' ? /^(add|or|and|xor|xchg|cmpxchg)(32)?$/.exec(t.text) : null;
  if (!t || !g) return c.error(DiagCode.UnknownMnemonic, `expected an atomic operation (add, or, and, xor, xchg, cmpxchg)${t ? `, found '${t.text}'` : ''}`, t ? { file: c.file, start: t.start, end: t.end } : c.here());
  const a = mem(c);
  if (!a || !comma(c)) return null;
  const r = reg(c);
  if (r === null) return null;
  const imm = g[1] === 'xchg' ? op.BPF_XCHG : g[1] === 'cmpxchg' ? op.BPF_CMPXCHG : ATOMIC[g[1]] | (fetch ? op.BPF_FETCH : 0);
  return { kind: 'insn', insn: insn(op.BPF_STX | op.BPF_ATOMIC | (g[2] ? op.BPF_W : op.BPF_DW), a.base, r, a.off, imm), span };
}

function target(c: Cursor, s: Stmt, field: 'off' | 'imm'): Stmt | null {
  const t = c.peek();
  if (!t) return c.error(DiagCode.BadOperand, 'expected a jump target (+N, -N or a label) at end of line');
  if (t.kind === 'id') {
    c.next();
    s.fixup = { kind: 'jump', field, name: t.text, span: { file: c.file, start: t.start, end: t.end } };
    return s;
  }
  const n = signedNumber(c);
  if (!n) return c.error(DiagCode.BadOperand, `expected a jump target (+N, -N or a label), found '${t.text}'`);
  const lim = field === 'off' ? 1n << 15n : 1n << 31n;
  if (n.value < -lim || n.value >= lim) return c.error(DiagCode.JumpOutOfRange, `jump offset ${n.value} does not fit in ${field === 'off' ? 16 : 32} bits`, n.span);
  if (field === 'off') s.insn.off = Number(n.value);
  else s.insn.imm = Number(n.value);
  return s;
}
