/**
 * Parser for the two "pseudo-C" dialects: LLVM's BPF assembly (as llvm-mc-19 accepts it and
 * llvm-objdump-19 prints it) and the kernel verifier log (kernel/bpf/disasm.c's print format).
 * One statement (after labels) -> one `Stmt` with the encoding already chosen.
 *
 * The two dialects share almost every form; where they differ the parser accepts both:
 *   jump targets      llvm `goto +5`, `goto LBB0_2`        kernel `goto pc+5`
 *   memory operands   llvm `(r1 + 4)`                      kernel `(r1 +4)`   (same tokens)
 *   atomics           llvm `xchg_64(r1 + 0, r2)`,          kernel `atomic64_xchg((u64 *)(r1 +0), r2)`,
 *                     `atomic_fetch_add((u64 *)(r1 + 0), r2)`       `atomic64_fetch_add(...)`
 *   calls             llvm `call 1`, `call name`           kernel `call bpf_map_lookup_elem#1`, `call pc+7`
 *   ld_imm64          llvm `r1 = 0x1234 ll`, `r1 = counts ll`   kernel `(18) r1 = 0x1234`, `map[id:5]`
 * The one real ambiguity is `r1 = 0x1234`: LLVM means a 32-bit mov. The kernel prints mov
 * immediates in decimal (%d) and ld_imm64 values in hex (0x%llx), so in the kernel dialect a hex
 * value (or the `(18)` opcode prefix) means ld_imm64.
 *
 * Grammar (one statement; `R` is rN or wN, `M` is `(rN + off)` / `(rN - off)`):
 *   stmt   := 'exit' | ('goto'|'gotol'|'may_goto') target | 'call' callee | 'callx' rN
 *           | 'if' R cmp (R|imm) 'goto' target
 *           | 'lock' '*' size M aop R
 *           | '*' size M '=' (R|imm)
 *           | 'store_release' '(' size M ',' R ')'
 *           | R aluop (R|imm) | R '=' rhs
 *   rhs    := imm ['ll'] | sym 'll' | R | '-' R | '(' sN ')' R | '*' size (M | 'skb' '[' … ']')
 *           | ('be'|'le'|'bswap')N R | atomic-call | 'addr_space_cast' '(' rN ',' n ',' n ')'
 *           | 'map' '[' … ']' | 'subprog' '[' ±n ']'
 *   target := label | ±n | 'pc' ±n        (then an ignored `<sym+0x10>` as objdump prints)
 *
 * Deliberately not here: labels, directives and prefixes (index.ts), label resolution (encode.ts).
 * Provenance: the spellings were found by running llvm-mc-19 / llvm-objdump-19 over every opcode;
 * the kernel forms from the format strings of kernel/bpf/disasm.c (facts only, nothing copied).
 */

import { DiagCode } from '../diag/codes.ts';
import type { Span } from '../diag/diagnostic.ts';
import * as op from '../isa/opcodes.ts';
import { insn, BPF_LD_IMM64 } from '../isa/insn.ts';
import { helperId } from '../kernel/helpers/names.ts';
import type { Tok } from './lexer.ts';
import { Cursor, imm32, imm64, signedNumber, type Stmt } from './ast.ts';
import { isRegName, mem, reg, sizeCast, sizedMem, type Reg } from './operands.ts';

export interface PseudoCOptions {
  dialect: 'llvm' | 'kernel';
  /** Kernel log: the `(xx)` opcode printed before the text. */
  opcodeHint?: number;
  /** Kernel log: the register state after `;` (`R1_w=map_ptr(map=counts,…)` names the map). */
  state?: string;
}

const ALU_OPS: Record<string, number> = {
  '+=': op.BPF_ADD, '-=': op.BPF_SUB, '*=': op.BPF_MUL, '/=': op.BPF_DIV, '|=': op.BPF_OR,
  '&=': op.BPF_AND, '<<=': op.BPF_LSH, '>>=': op.BPF_RSH, '%=': op.BPF_MOD, '^=': op.BPF_XOR,
};
const JMP_OPS: Record<string, number> = {
  '==': op.BPF_JEQ, '!=': op.BPF_JNE, '>': op.BPF_JGT, '>=': op.BPF_JGE, '<': op.BPF_JLT,
  '<=': op.BPF_JLE, '&': op.BPF_JSET, 's>': op.BPF_JSGT, 's>=': op.BPF_JSGE, 's<': op.BPF_JSLT,
  's<=': op.BPF_JSLE,
};
/** BPF_JMP | BPF_JCOND (0xe0) with src 0 (BPF_MAY_GOTO) is may_goto (UAPI since 6.9; not yet in isa/opcodes.ts). */
const BPF_JCOND = 0xe0;
const ATOMIC_ALU: Record<string, number> = { add: op.BPF_ADD, and: op.BPF_AND, or: op.BPF_OR, xor: op.BPF_XOR };
const ATOMIC_AOPS: Record<string, number> = { '+=': op.BPF_ADD, '&=': op.BPF_AND, '|=': op.BPF_OR, '^=': op.BPF_XOR };

/** Parse one statement (the cursor is at its first token). Errors go to the cursor's sink. */
export function parsePseudoC(c: Cursor, span: Span, o: PseudoCOptions): Stmt | null {
  const s = statement(c, span, o);
  if (!s) return null;
  if (!c.atEnd()) {
    const t = c.peek()!;
    c.error(DiagCode.UnexpectedToken, `unexpected '${t.text}' after the instruction`, { file: c.file, start: t.start, end: c.toks[c.toks.length - 1].end });
    return null;
  }
  if (o.opcodeHint !== undefined && o.opcodeHint !== s.insn.code) {
    c.error(DiagCode.BadOperand, `the log prints opcode (${hex2(o.opcodeHint)}) but this text encodes (${hex2(s.insn.code)})`, span);
    return null;
  }
  return s;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

function statement(c: Cursor, span: Span, o: PseudoCOptions): Stmt | null {
  const t = c.peek()!;
  const kw = t.kind === 'id' ? t.text.toLowerCase() : '';
  const mk = (code: number, dst = 0, src = 0, off = 0, imm = 0): Stmt => ({ kind: 'insn', insn: insn(code, dst, src, off, imm), span });
  switch (kw) {
    case 'exit':
      c.next();
      return mk(op.BPF_JMP | op.BPF_EXIT);
    case 'goto':
    case 'gotol':
    case 'may_goto': {
      c.next();
      const long = kw === 'gotol';
      const code = long ? op.BPF_JMP32 | op.BPF_JA : kw === 'goto' ? op.BPF_JMP | op.BPF_JA : op.BPF_JMP | BPF_JCOND;
      return jumpTo(c, mk(code), long ? 'imm' : 'off');
    }
    case 'call':
      c.next();
      return callee(c, mk(op.BPF_JMP | op.BPF_CALL));
    case 'callx': {
      c.next();
      const r = reg(c);
      if (!r) return null;
      if (r.w) return c.error(DiagCode.BadOperand, 'callx takes a 64-bit register (rN)', r.span);
      return mk(op.BPF_JMP | op.BPF_CALL | op.BPF_X, r.n);
    }
    case 'if':
      c.next();
      return condJump(c, span);
    case 'lock':
      c.next();
      return lockOp(c, span);
    case 'store_release': {
      c.next();
      if (!c.expect('(')) return null;
      const m = sizedMem(c, false);
      if (!m || !c.expect(',')) return null;
      const r = reg(c);
      if (!r || !c.expect(')')) return null;
      return mk(op.BPF_STX | op.BPF_ATOMIC | m.size, m.base, r.n, m.off, op.BPF_STORE_REL);
    }
  }
  if (c.is('*')) return store(c, span);
  if (t.kind === 'id' && isRegName(t.text)) return regStatement(c, span, o);
  if (t.kind === 'id' && /^[rw]$/.test(t.text) && c.is('-', 1)) return reg(c) as null;
  return c.error(DiagCode.UnknownMnemonic, `unknown instruction '${t.text}'`, { file: c.file, start: t.start, end: t.end });
}

function jumpTo(c: Cursor, s: Stmt, field: 'off' | 'imm'): Stmt | null {
  const t = c.peek();
  if (!t) return c.error(DiagCode.BadOperand, 'expected a jump target (a label or +N) at end of line');
  if (t.kind === 'id' && t.text === 'pc' && (c.is('+', 1) || c.is('-', 1))) {
    c.next();
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, "expected a number after 'pc+'/'pc-'");
    setJump(c, s, field, n.value, n.span);
  } else if (t.kind === 'id') {
    c.next();
    s.fixup = { kind: 'jump', field, name: t.text, span: { file: c.file, start: t.start, end: t.end } };
  } else {
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, `expected a jump target (a label or +N), found '${t.text}'`);
    setJump(c, s, field, n.value, n.span);
  }
  skipObjdumpSymbol(c);
  return s;
}

function setJump(c: Cursor, s: Stmt, field: 'off' | 'imm', v: bigint, span: Span): void {
  if (field === 'off') {
    if (v < -32768n || v > 32767n) c.error(DiagCode.JumpOutOfRange, `jump offset ${v} does not fit in 16 bits (-32768 .. 32767); use gotol for long jumps`, span);
    else s.insn.off = Number(v);
  } else if (v < -(1n << 31n) || v >= 1n << 31n) c.error(DiagCode.JumpOutOfRange, `jump offset ${v} does not fit in 32 bits`, span);
  else s.insn.imm = Number(v);
}

/** llvm-objdump appends `<LBB0_2>` or `<prog+0x88>` to jump targets: ignore it. */
function skipObjdumpSymbol(c: Cursor): void {
  if (c.is('<') && c.toks.slice(c.i).some((t) => t.text === '>')) {
    while (!c.atEnd() && !c.is('>')) c.next();
    c.next();
  }
}

function callee(c: Cursor, s: Stmt): Stmt | null {
  const t = c.peek();
  if (!t) return c.error(DiagCode.BadOperand, 'expected a helper id, helper name or function label after call');
  if (t.kind === 'id' && t.text === 'pc' && (c.is('+', 1) || c.is('-', 1))) {
    c.next();
    const n = signedNumber(c)!;
    s.insn.src = op.BPF_PSEUDO_CALL;
    s.insn.imm = imm32(c, n.value, n.span, 'call offset');
    return s;
  }
  if (t.kind !== 'id') {
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, `expected a helper id or function name after call, found '${t.text}'`);
    s.insn.imm = imm32(c, n.value, n.span, 'helper id');
    return s;
  }
  // NAME, NAME#id (kernel), or kernel-function#id
  const first = c.i;
  while (!c.atEnd() && !c.is('#')) c.next();
  const parts = c.toks.slice(first, c.i);
  const name = parts.map((p) => p.text).join('');
  const nameSpan = { file: c.file, start: t.start, end: parts[parts.length - 1].end };
  if (c.eat('#')) {
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, "expected the helper id after '#'");
    const id = imm32(c, n.value, n.span, 'helper id');
    s.insn.imm = id;
    const known = helperId(name);
    if (known !== undefined && name.startsWith('bpf_')) {
      if (known !== id) return c.error(DiagCode.UnknownHelper, `helper ${name} is #${known}, not #${id}`, n.span);
    } else if (name !== 'unknown') s.insn.src = op.BPF_PSEUDO_KFUNC_CALL; // the verifier prints kfuncs by name too
    return s;
  }
  if (parts.length !== 1) return c.error(DiagCode.BadOperand, `expected a function or helper name after call, found '${name}'`, nameSpan);
  s.fixup = { kind: 'call', name, span: nameSpan };
  return s;
}

function condJump(c: Cursor, span: Span): Stmt | null {
  const a = reg(c);
  if (!a) return null;
  let opText = '';
  if (c.is('s') && c.peek(1)?.kind === 'punct') {
    c.next();
    opText = 's' + c.next()!.text;
  } else if (c.peek()?.kind === 'punct') opText = c.next()!.text;
  const jop = JMP_OPS[opText];
  if (jop === undefined) return c.error(DiagCode.BadOperand, `expected a comparison (==, !=, >, >=, <, <=, &, s>, s>=, s<, s<=), found '${opText || c.peek()?.text || 'end of line'}'`);
  const cls = a.w ? op.BPF_JMP32 : op.BPF_JMP;
  const s: Stmt = { kind: 'insn', insn: insn(cls | jop, a.n), span };
  const b = c.peek();
  if (b?.kind === 'id' && (isRegName(b.text) || /^[rw]$/.test(b.text))) {
    const r = reg(c);
    if (!r) return null;
    if (r.w !== a.w) return c.error(DiagCode.BadOperand, `both sides of a comparison must be the same width (${a.w ? 'w' : 'r'}${a.n} vs ${r.w ? 'w' : 'r'}${r.n})`, r.span);
    s.insn.code |= op.BPF_X;
    s.insn.src = r.n;
  } else {
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, `expected a register or immediate to compare with${b ? `, found '${b.text}'` : ''}`);
    s.insn.imm = imm32(c, n.value, n.span);
  }
  if (!c.is('goto')) return c.error(DiagCode.UnexpectedToken, `expected 'goto'${c.peek() ? `, found '${c.peek()!.text}'` : ' at end of line'}`);
  c.next();
  return jumpTo(c, s, 'off');
}

function lockOp(c: Cursor, span: Span): Stmt | null {
  if (!c.expect('*')) return null;
  const sz = sizeCast(c, false);
  if (!sz) return null;
  const m = mem(c);
  if (!m) return null;
  const t = c.peek();
  const aop = t ? ATOMIC_AOPS[t.text] : undefined;
  if (aop === undefined) return c.error(DiagCode.BadOperand, `expected an atomic operation (+=, &=, |=, ^=)${t ? `, found '${t.text}'` : ''}`);
  c.next();
  const r = reg(c);
  if (!r) return null;
  if (sz.size !== op.BPF_W && sz.size !== op.BPF_DW) return c.error(DiagCode.BadOperand, 'atomic operations are 32- or 64-bit (u32 or u64)', span);
  if (sz.size === op.BPF_DW && r.w) return c.error(DiagCode.BadOperand, `a 64-bit atomic takes r${r.n}, not w${r.n}`, r.span);
  return { kind: 'insn', insn: insn(op.BPF_STX | op.BPF_ATOMIC | sz.size, m.base, r.n, m.off, aop), span };
}

/** `*(uS *)(rB + off) = rS | imm` */
function store(c: Cursor, span: Span): Stmt | null {
  c.next();
  const sz = sizeCast(c, false);
  if (!sz) return null;
  const m = mem(c);
  if (!m || !c.expect('=')) return null;
  const t = c.peek();
  if (t?.kind === 'id' && (isRegName(t.text) || /^[rw]$/.test(t.text))) {
    const r = reg(c);
    if (!r) return null;
    if (r.w && sz.size === op.BPF_DW) return c.error(DiagCode.BadOperand, `a 64-bit store takes r${r.n}, not w${r.n}`, r.span);
    return { kind: 'insn', insn: insn(op.BPF_STX | op.BPF_MEM | sz.size, m.base, r.n, m.off), span };
  }
  const n = signedNumber(c);
  if (!n) return c.error(DiagCode.BadOperand, `expected a register or immediate to store${t ? `, found '${t.text}'` : ''}`);
  return { kind: 'insn', insn: insn(op.BPF_ST | op.BPF_MEM | sz.size, m.base, 0, m.off, imm32(c, n.value, n.span)), span };
}

/** Statements that start with a register: ALU ops, moves, loads, atomics with a result. */
function regStatement(c: Cursor, span: Span, o: PseudoCOptions): Stmt | null {
  const d = reg(c);
  if (!d) return null;
  const cls = d.w ? op.BPF_ALU : op.BPF_ALU64;
  let opText = '';
  let signed = false;
  if (c.is('s') && c.peek(1)?.kind === 'punct') {
    c.next();
    signed = true;
  }
  const t = c.peek();
  if (t?.kind === 'punct') opText = t.text;
  if (signed && opText === '>>=') opText = 's>>=';
  else if (signed && opText !== '/=' && opText !== '%=') return c.error(DiagCode.BadOperand, `unknown operator 's${opText}' (signed forms: s/=, s%=, s>>=)`);
  if (opText === '=') {
    c.next();
    return assign(c, d, span, o);
  }
  const aluop = opText === 's>>=' ? op.BPF_ARSH : ALU_OPS[opText];
  if (aluop === undefined) return c.error(DiagCode.BadOperand, `expected an assignment operator (=, +=, -=, …) after ${d.w ? 'w' : 'r'}${d.n}${t ? `, found '${t.text}'` : ''}`);
  c.next();
  const s: Stmt = { kind: 'insn', insn: insn(cls | aluop, d.n, 0, signed && opText !== 's>>=' ? 1 : 0), span };
  const b = c.peek();
  if (b?.kind === 'id' && (isRegName(b.text) || /^[rw]$/.test(b.text))) {
    const r = reg(c);
    if (!r) return null;
    if (r.w !== d.w) return c.error(DiagCode.BadOperand, `both operands must be the same width (${d.w ? 'w' : 'r'}${d.n} vs ${r.w ? 'w' : 'r'}${r.n})`, r.span);
    s.insn.code |= op.BPF_X;
    s.insn.src = r.n;
    return s;
  }
  const n = signedNumber(c);
  if (!n) return c.error(DiagCode.BadOperand, `expected a register or immediate${b ? `, found '${b.text}'` : ' at end of line'}`);
  s.insn.imm = imm32(c, n.value, n.span);
  return s;
}

function assign(c: Cursor, d: Reg, span: Span, o: PseudoCOptions): Stmt | null {
  const cls = d.w ? op.BPF_ALU : op.BPF_ALU64;
  const mk = (code: number, dst = d.n, src = 0, off = 0, imm = 0): Stmt => ({ kind: 'insn', insn: insn(code, dst, src, off, imm), span });
  const t = c.peek();
  if (!t) return c.error(DiagCode.BadOperand, 'expected a value after =');
  const rname = `${d.w ? 'w' : 'r'}${d.n}`;
  const need64 = (what: string): boolean => {
    if (d.w) c.error(DiagCode.BadOperand, `${what} writes a 64-bit register: write r${d.n}, not w${d.n}`, d.span);
    return !d.w;
  };
  // -R (neg)
  if (c.is('-') && c.peek(1)?.kind === 'id') {
    c.next();
    const r = reg(c);
    if (!r) return null;
    if (r.n !== d.n || r.w !== d.w) return c.error(DiagCode.BadOperand, `negation is in place: write ${rname} = -${rname}`, r.span);
    return mk(cls | op.BPF_NEG);
  }
  // R, (sN)R
  if (t.kind === 'id' && (isRegName(t.text) || /^[rw]$/.test(t.text))) {
    const r = reg(c);
    if (!r) return null;
    if (r.w !== d.w) return c.error(DiagCode.BadOperand, `both operands must be the same width (${rname} vs ${r.w ? 'w' : 'r'}${r.n})`, r.span);
    if (c.is('ll')) return c.error(DiagCode.BadOperand, "'ll' takes a constant or a symbol, not a register", c.here());
    return mk(cls | op.BPF_MOV | op.BPF_X, d.n, r.n);
  }
  if (c.is('(') && c.peek(1)?.kind === 'id' && /^s(8|16|32)$/.test(c.peek(1)!.text)) {
    c.next();
    const bits = Number(c.next()!.text.slice(1));
    if (!c.expect(')')) return null;
    const r = reg(c);
    if (!r) return null;
    if (r.w !== d.w) return c.error(DiagCode.BadOperand, `both operands must be the same width (${rname} vs ${r.w ? 'w' : 'r'}${r.n})`, r.span);
    if (d.w && bits === 32) return c.error(DiagCode.BadOperand, '(s32) sign extension needs 64-bit registers (r = (s32)r)', span);
    return mk(cls | op.BPF_MOV | op.BPF_X, d.n, r.n, bits);
  }
  // loads: *(uS *)(rB + off), *(sS *)(…), *(uS *)skb[…]
  if (c.is('*')) {
    c.next();
    const sz = sizeCast(c, true);
    if (!sz) return null;
    if (c.is('skb')) return ldPacket(c, d, sz, span);
    const m = mem(c);
    if (!m) return null;
    if (d.w && (sz.signed || sz.size === op.BPF_DW)) return c.error(DiagCode.BadOperand, `this load writes all 64 bits: write r${d.n}, not w${d.n}`, d.span);
    return mk(op.BPF_LDX | (sz.signed ? op.BPF_MEMSX : op.BPF_MEM) | sz.size, d.n, m.base, m.off);
  }
  if (t.kind === 'id') {
    const name = t.text;
    const endian = /^(be|le|bswap)(16|32|64)$/.exec(name);
    if (endian) {
      c.next();
      const r = reg(c);
      if (!r) return null;
      if (!need64(name)) return null;
      if (r.n !== d.n || r.w) return c.error(DiagCode.BadOperand, `byte swaps are in place: write r${d.n} = ${name} r${d.n}`, r.span);
      const code = endian[1] === 'bswap' ? op.BPF_ALU64 | op.BPF_END : op.BPF_ALU | op.BPF_END | (endian[1] === 'be' ? op.BPF_TO_BE : op.BPF_TO_LE);
      return mk(code, d.n, 0, 0, Number(endian[2]));
    }
    const atomic = atomicCall(c, d, span);
    if (atomic !== undefined) return atomic;
    if (name === 'addr_space_cast') {
      c.next();
      if (!c.expect('(')) return null;
      const r = reg(c);
      if (!r || !c.expect(',')) return null;
      const a = signedNumber(c);
      if (!a || !c.expect(',')) return c.error(DiagCode.BadOperand, 'expected addr_space_cast(rN, dst_as, src_as)');
      const b = signedNumber(c);
      if (!b || !c.expect(')')) return c.error(DiagCode.BadOperand, 'expected addr_space_cast(rN, dst_as, src_as)');
      for (const x of [a, b]) if (x.value < 0n || x.value > 0xffffn) return c.error(DiagCode.ImmOutOfRange, `address space ${x.value} does not fit in 16 bits`, x.span);
      if (!need64('addr_space_cast') || r.w) return null;
      return mk(op.BPF_ALU64 | op.BPF_MOV | op.BPF_X, d.n, r.n, 1, Number((a.value << 16n) | b.value));
    }
    if (name === 'map' || name === 'subprog') return pseudoImm(c, d, span);
    // a symbol: r1 = counts ll
    c.next();
    const symSpan = { file: c.file, start: t.start, end: t.end };
    if (!c.is('ll')) return c.error(DiagCode.BadOperand, `'${name}' is not a register or number (a symbol needs 'll': ${rname} = ${name} ll)`, symSpan);
    c.next();
    if (!need64('ld_imm64')) return null;
    const s = mk(BPF_LD_IMM64);
    s.hi = 0;
    s.fixup = { kind: 'ldsym', name, span: symSpan };
    return s;
  }
  // numbers: mov imm, or ld_imm64 (`ll`, or the kernel's hex / (18))
  const n = signedNumber(c);
  if (!n) return c.error(DiagCode.BadOperand, `expected a register, number or load after =, found '${t.text}'`);
  const hexLiteral = /^0x/i.test(c.toks[c.i - 1].text);
  const ll = c.eat('ll');
  const kernelWide = o.dialect === 'kernel' && (o.opcodeHint === BPF_LD_IMM64 || (o.opcodeHint === undefined && hexLiteral));
  if (ll || kernelWide) {
    if (!need64('ld_imm64')) return null;
    const [lo, hi] = imm64(c, n.value, n.span);
    const s = mk(BPF_LD_IMM64, d.n, 0, 0, lo);
    s.hi = hi;
    const m = o.state && new RegExp(`\\bR${d.n}(?:_w)?=(map_ptr|map_value)\\(([^)]*)\\)`).exec(o.state);
    const mapName = m && /(?:^|,)map=([^,]+)/.exec(m[2]);
    if (m && mapName) {
      const offm = /(?:^|,)off=(-?\d+)/.exec(m[2]);
      s.insn.src = m[1] === 'map_ptr' ? op.BPF_PSEUDO_MAP_FD : op.BPF_PSEUDO_MAP_VALUE;
      s.insn.imm = 0;
      s.hi = m[1] === 'map_ptr' ? 0 : Number(offm?.[1] ?? 0);
      s.fixup = { kind: 'reloc', reloc: 'map', name: mapName[1], span: n.span };
    }
    return s;
  }
  return mk(cls | op.BPF_MOV, d.n, 0, 0, imm32(c, n.value, n.span));
}

/** `r0 = *(u8 *)skb[12]`, `skb[r1]`, kernel `skb[r1 + 4]` (the size cast is already read). */
function ldPacket(c: Cursor, d: Reg, sz: { size: number; signed: boolean }, span: Span): Stmt | null {
  c.next();
  if (!c.expect('[')) return null;
  if (sz.signed || sz.size === op.BPF_DW) return c.error(DiagCode.BadOperand, 'packet loads (skb[…]) are u8, u16 or u32', span);
  if (d.n !== 0 || d.w) return c.error(DiagCode.BadOperand, 'packet loads (skb[…]) always write r0', d.span);
  const t = c.peek();
  let s: Stmt;
  if (t?.kind === 'id') {
    const r = reg(c);
    if (!r) return null;
    let imm = 0;
    if (c.is('+') || c.is('-')) {
      const n = signedNumber(c);
      if (!n) return c.error(DiagCode.BadOperand, 'expected a number');
      imm = imm32(c, n.value, n.span);
    }
    s = { kind: 'insn', insn: insn(op.BPF_LD | op.BPF_IND | sz.size, 0, r.n, 0, imm), span };
  } else {
    const n = signedNumber(c);
    if (!n) return c.error(DiagCode.BadOperand, 'expected an offset or register inside skb[…]');
    s = { kind: 'insn', insn: insn(op.BPF_LD | op.BPF_ABS | sz.size, 0, 0, 0, imm32(c, n.value, n.span)), span };
  }
  return c.expect(']') ? s : null;
}

/**
 * Atomics written as calls. Returns undefined when the name is not one (so the caller goes on).
 *   llvm:   atomic_fetch_OP((uS *)(rB + o), R)   xchg_64(rB + o, R)   xchg32_32(rB + o, W)
 *           cmpxchg_64(rB + o, r0, R)   cmpxchg32_32(rB + o, w0, W)   load_acquire((uS *)(rB + o))
 *   kernel: atomic[64]_fetch_OP((uS *)(rB +o), R)   atomic[64]_xchg((uS *)(…), R)
 *           atomic[64]_cmpxchg((uS *)(…), r0, R)
 */
function atomicCall(c: Cursor, d: Reg, span: Span): Stmt | null | undefined {
  const name = c.peek()!.text;
  const fetch = /^atomic(64)?_fetch_(add|and|or|xor)$/.exec(name);
  const kx = /^atomic(64)?_(xchg|cmpxchg)$/.exec(name);
  const lx = /^(xchg|cmpxchg)(_64|32_32)$/.exec(name);
  if (!fetch && !kx && !lx && name !== 'load_acquire') return undefined;
  c.next();
  if (!c.expect('(')) return null;
  let size: number;
  let base: number;
  let off: number;
  if (lx) {
    const m = mem(c, false);
    if (!m) return null;
    size = lx[2] === '_64' ? op.BPF_DW : op.BPF_W;
    base = m.base;
    off = m.off;
  } else {
    const m = sizedMem(c, false);
    if (!m) return null;
    ({ size, base, off } = m);
    const k64 = (fetch ?? kx)?.[1];
    if (k64 && size !== op.BPF_DW) return c.error(DiagCode.BadOperand, `${name} is the 64-bit form: the cast must be (u64 *)`, span);
  }
  const code = op.BPF_STX | op.BPF_ATOMIC | size;
  if (name === 'load_acquire') {
    if (!c.expect(')')) return null;
    return { kind: 'insn', insn: insn(code, d.n, base, off, op.BPF_LOAD_ACQ), span };
  }
  if (size !== op.BPF_W && size !== op.BPF_DW) return c.error(DiagCode.BadOperand, 'atomic operations are 32- or 64-bit (u32 or u64)', span);
  if (!c.expect(',')) return null;
  const isCmp = (kx?.[2] ?? lx?.[1]) === 'cmpxchg';
  if (isCmp) {
    const r0 = reg(c);
    if (!r0) return null;
    if (r0.n !== 0) return c.error(DiagCode.BadOperand, 'cmpxchg compares with r0: the second argument must be r0 (w0)', r0.span);
    if (!c.expect(',')) return null;
  }
  const r = reg(c);
  if (!r || !c.expect(')')) return null;
  if (size === op.BPF_DW && (r.w || d.w)) return c.error(DiagCode.BadOperand, 'a 64-bit atomic takes r registers', r.w ? r.span : d.span);
  if (isCmp) {
    if (d.n !== 0) return c.error(DiagCode.BadOperand, 'cmpxchg returns the old value in r0: write r0 = …', d.span);
  } else if (d.n !== r.n) {
    return c.error(DiagCode.BadOperand, `the fetched value goes to the source register: write ${d.w ? 'w' : 'r'}${r.n} = ${name}(…, ${r.w ? 'w' : 'r'}${r.n})`, d.span);
  }
  const imm = fetch ? ATOMIC_ALU[fetch[2]] | op.BPF_FETCH : isCmp ? op.BPF_CMPXCHG : op.BPF_XCHG;
  return { kind: 'insn', insn: insn(code, base, r.n, off, imm), span };
}

/** bpftool's ld_imm64 forms: `map[id:5]`, `map[id:5][0]+16`, `map[idx:0]+8`, `subprog[+3]`. */
function pseudoImm(c: Cursor, d: Reg, span: Span): Stmt | null {
  const first = c.next()!;
  const mk = (src: number, imm: number, hi: number): Stmt => ({ kind: 'insn', insn: insn(BPF_LD_IMM64, d.n, src, 0, imm), hi, span });
  if (!c.expect('[')) return null;
  if (first.text === 'subprog') {
    const n = signedNumber(c);
    if (!n || !c.expect(']')) return c.error(DiagCode.BadOperand, 'expected subprog[+N]');
    return mk(op.BPF_PSEUDO_FUNC, imm32(c, n.value, n.span), 0);
  }
  const kind = c.next();
  if (!kind || (kind.text !== 'id' && kind.text !== 'idx') || !c.expect(':')) return c.error(DiagCode.BadOperand, 'expected map[id:N] or map[idx:N]');
  const n = signedNumber(c);
  if (!n || !c.expect(']')) return c.error(DiagCode.BadOperand, 'expected a map id');
  const id = imm32(c, n.value, n.span);
  let value = false;
  let hi = 0;
  if (kind.text === 'id' && c.is('[')) {
    c.next();
    signedNumber(c);
    if (!c.expect(']')) return null;
    value = true;
  }
  if (c.eat('+')) {
    const k = signedNumber(c);
    if (!k) return c.error(DiagCode.BadOperand, 'expected an offset after +');
    hi = imm32(c, k.value, k.span);
    value = true;
  }
  const src = kind.text === 'idx' ? (value ? op.BPF_PSEUDO_MAP_IDX_VALUE : op.BPF_PSEUDO_MAP_IDX) : value ? op.BPF_PSEUDO_MAP_VALUE : op.BPF_PSEUDO_MAP_FD;
  const s = mk(src, id, hi);
  const text = c.toks.slice(c.toks.indexOf(first), c.i).map((x: Tok) => x.text).join('');
  s.fixup = { kind: 'reloc', reloc: 'map', name: text, span: { file: c.file, start: first.start, end: c.toks[c.i - 1].end } };
  return s;
}
