/**
 * Expressions (C11 §6.5): parsing, typing (integer promotions, usual arithmetic conversions,
 * pointer arithmetic, array/function decay) and constant folding.
 *
 * Every node built here is typed; operands are wrapped in explicit `cast` nodes where C converts
 * implicitly, and any operation whose operands are constants is folded on the spot, so integer
 * constant expressions (array sizes, case labels, `bpf_htons(ETH_P_IP)`) are `num` nodes.
 * Builtins handled here: `sizeof`, `_Alignof`, `__builtin_offsetof`, `__builtin_bswap16/32/64`,
 * `__builtin_expect`, `__builtin_constant_p`, `__builtin_memcpy/memset`,
 * `__builtin_preserve_access_index` / `_field_info` / `_type_info` / `_enum_value` (CO-RE, in
 * parseBuiltins.ts), statement expressions `({ … })`.
 * Does not: floating point, `_Generic`, complex numbers.
 * Provenance: grammar productions from C11 Annex A; structure after chibicc's parse.c.
 */
import type { Span } from '../diag/diagnostic.ts';
import type { Node } from './ast.ts';
import { CDiag } from './diagCodes.ts';
import { decodeEscapes, parseNumber } from './lex.ts';
import { compoundStmt } from './parse.ts';
import { builtinCall, offsetofBuiltin } from './parseBuiltins.ts';
import { isTypeStart, typeName as parseTypeName, initializer } from './parseDecl.ts';
import type { PState } from './pstate.ts';
import {
  T, alignOf, arrayOf, commonInt, findMember, memberPath, isInt, isPtr, isScalar, promote, ptrTo, sizeOf,
  typeName, wrap, type IntType, type Type,
} from './types.ts';

export const num = (val: bigint, ty: Type, span: Span): Node => ({ k: 'num', val, ty, span });

function spanOf(a: Node, b: Node): Span {
  return a.span.file === b.span.file ? { file: a.span.file, start: Math.min(a.span.start, b.span.start), end: Math.max(a.span.end, b.span.end) } : a.span;
}

/** Array → pointer to first element; function → pointer to function (C11 §6.3.2.1). */
export function decay(n: Node): Node {
  const t = n.ty!;
  if (t.kind === 'array') return { k: 'addr', lhs: n, ty: ptrTo(t.of), span: n.span };
  if (t.kind === 'func') return { k: 'addr', lhs: n, ty: ptrTo(t), span: n.span };
  return n;
}

/** Convert to `to`, folding constants. `implicit` only affects diagnostics. */
/** How an implicit conversion is phrased in messages (clang's wording); false for casts. */
export type ConvCtx = false | 'initializing' | 'assigning' | 'passing' | 'returning';

function convMessage(what: string, ctx: Exclude<ConvCtx, false>, to: Type, from: Type): string {
  const t = typeName(to);
  const f = typeName(from);
  switch (ctx) {
    case 'initializing': return `${what} initializing '${t}' with an expression of type '${f}'`;
    case 'assigning': return `${what} assigning to '${t}' from '${f}'`;
    case 'passing': return `${what} passing '${f}' to parameter of type '${t}'`;
    default: return `${what} returning '${f}' from a function with result type '${t}'`;
  }
}

function incompatible(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return !(a.kind === 'array' || b.kind === 'array');
  if (a.kind === 'struct') return a !== b;
  if (a.kind === 'int') return a.size !== (b as IntType).size;
  return false;
}

/** Implicit conversion checks clang makes by default (-Wint-conversion is an error since clang 16). */
function checkImplicit(p: PState, n: Node, to: Type, ctx: Exclude<ConvCtx, false>): void {
  const from = n.ty!;
  if (to.kind === 'ptr' && from.kind === 'int' && !(n.k === 'num' && n.val === 0n)) {
    if (!p.ignored('-Wint-conversion')) p.error(n.span, `${convMessage('incompatible integer to pointer conversion', ctx, to, from)} [-Wint-conversion]`, CDiag.TypeError);
  } else if (to.kind === 'int' && !to.bool && from.kind === 'ptr') {
    if (!p.ignored('-Wint-conversion')) p.error(n.span, `${convMessage('incompatible pointer to integer conversion', ctx, to, from)} [-Wint-conversion]`, CDiag.TypeError);
  } else if (to.kind === 'ptr' && from.kind === 'ptr' && to.to.kind !== 'void' && from.to.kind !== 'void' &&
    to.to.kind !== 'func' && from.to.kind !== 'func' && incompatible(to.to, from.to) && !p.ignored('-Wincompatible-pointer-types')) {
    p.warn(n.span, `${convMessage('incompatible pointer types', ctx, to, from)} [-Wincompatible-pointer-types]`);
  }
}

export function convert(p: PState, n0: Node, to: Type, implicit: ConvCtx = false, at?: Span): Node {
  const n = decay(n0);
  const from = n.ty!;
  if (implicit && isScalar(from) && isScalar(to)) checkImplicit(p, at ? { ...n, span: at } : n, to, implicit);
  if (to.kind === 'void') return { k: 'cast', lhs: n, ty: to, span: n.span };
  if (to.kind === 'struct' || to.kind === 'array') {
    if (from !== to && !(from.kind === to.kind)) p.error(n.span, `cannot convert '${typeName(from)}' to '${typeName(to)}'`, CDiag.TypeError);
    return n;
  }
  if (!isScalar(from)) {
    p.error(n.span, implicit ? convMessage('incompatible type', implicit, to, from) : `used type '${typeName(from)}' where arithmetic or pointer type is required`, CDiag.TypeError);
    return num(0n, to, n.span);
  }
  if (to.kind === 'func') return n;
  if (n.k === 'num') {
    const v = to.kind === 'int' ? wrap(n.val!, to) : BigInt.asUintN(64, n.val!);
    return n.enumConst !== undefined ? { ...num(v, to, n.span), enumConst: n.enumConst } : num(v, to, n.span);
  }
  if (from.kind === to.kind && (from.kind === 'ptr' || (from.kind === 'int' && to.kind === 'int' && from.size === to.size && from.signed === to.signed && !!from.bool === !!to.bool))) {
    return n.ty === to ? n : { ...n, ty: to };
  }
  return { k: 'cast', lhs: n, ty: to, span: n.span };
}

export function rvalue(p: PState, n: Node): Node {
  const d = decay(n);
  if (d.ty!.kind === 'void') p.error(n.span, 'expression has type void', CDiag.TypeError);
  return d;
}

/** Integer operand check and promotion. */
function intOperand(p: PState, n: Node, op: string): Node {
  const d = rvalue(p, n);
  if (!isInt(d.ty!)) {
    p.error(d.span, `invalid operand to '${op}' (have '${typeName(d.ty!)}')`, CDiag.TypeError);
    return num(0n, T.int, d.span);
  }
  return d;
}

export function foldBin(op: string, a: bigint, b: bigint, ty: IntType): bigint | undefined {
  const bits = BigInt(ty.size * 8);
  switch (op) {
    case '+': return wrap(a + b, ty);
    case '-': return wrap(a - b, ty);
    case '*': return wrap(a * b, ty);
    case '/': return b === 0n ? undefined : wrap(a / b, ty);
    case '%': return b === 0n ? undefined : wrap(a % b, ty);
    case '&': return wrap(a & b, ty);
    case '|': return wrap(a | b, ty);
    case '^': return wrap(a ^ b, ty);
    case '<<': return wrap(a << (b & (bits - 1n)), ty);
    case '>>': return wrap(a >> (b & (bits - 1n)), ty);
  }
  return undefined;
}

/** Build an arithmetic binary node with conversions and folding. */
export function arith(p: PState, op: string, l0: Node, r0: Node, span: Span): Node {
  const l = rvalue(p, l0);
  const r = rvalue(p, r0);
  if (op === '+' || op === '-') {
    if (isPtr(l.ty!) && isInt(r.ty!)) return ptrAdd(p, op, l, r, span);
    if (op === '+' && isInt(l.ty!) && isPtr(r.ty!)) return ptrAdd(p, op, r, l, span);
    if (op === '-' && isPtr(l.ty!) && isPtr(r.ty!)) {
      const es = sizeOf((l.ty as { to: Type }).to);
      return { k: 'ptrdiff', lhs: l, rhs: r, val: BigInt(es || 1), ty: T.long, span };
    }
  }
  const a = intOperand(p, l, op);
  const b = intOperand(p, r, op);
  const shift = op === '<<' || op === '>>';
  const ty = shift ? promote(a.ty as IntType) : commonInt(a.ty as IntType, b.ty as IntType);
  const ca = convert(p, a, ty);
  const cb = convert(p, b, shift ? promote(b.ty as IntType) : ty);
  if (ca.k === 'num' && cb.k === 'num') {
    const v = foldBin(op, ca.val!, cb.val!, ty);
    if (v !== undefined) return num(v, ty, span);
    p.warn(span, `${op === '/' ? 'division' : 'remainder'} by zero is undefined [-Wdivision-by-zero]`);
  }
  if ((op === '/' || op === '%') && cb.k === 'num' && cb.val === 0n) p.warn(span, `${op === '/' ? 'division' : 'remainder'} by zero is undefined [-Wdivision-by-zero]`);
  return { k: 'binop', op, lhs: ca, rhs: cb, ty, span };
}

function ptrAdd(p: PState, op: string, ptr: Node, idx: Node, span: Span): Node {
  const to = (ptr.ty as { to: Type }).to;
  const es = to.kind === 'void' || to.kind === 'func' ? 1 : sizeOf(to);
  if (to.kind === 'struct' && !to.complete) p.error(span, `arithmetic on a pointer to an incomplete type '${typeName(to)}'`, CDiag.TypeError);
  const i = convert(p, idx, T.long);
  if (ptr.k === 'num' && i.k === 'num') {
    return num(BigInt.asUintN(64, op === '+' ? ptr.val! + i.val! * BigInt(es) : ptr.val! - i.val! * BigInt(es)), ptr.ty!, span);
  }
  if (i.k === 'num' && i.val === 0n) return ptr;
  return { k: 'ptradd', op, lhs: ptr, rhs: i, val: BigInt(es), ty: ptr.ty, span };
}

export function compare(p: PState, op: string, l0: Node, r0: Node, span: Span): Node {
  let l = rvalue(p, l0);
  let r = rvalue(p, r0);
  let opTy: Type;
  if (isPtr(l.ty!) || isPtr(r.ty!)) {
    if (isInt(l.ty!)) l = convert(p, l, r.ty!);
    if (isInt(r.ty!)) r = convert(p, r, l.ty!);
    opTy = T.ulong;
  } else {
    l = intOperand(p, l, op);
    r = intOperand(p, r, op);
    opTy = commonInt(l.ty as IntType, r.ty as IntType);
    l = convert(p, l, opTy);
    r = convert(p, r, opTy);
  }
  if (l.k === 'num' && r.k === 'num') {
    const s = opTy.kind === 'int' && opTy.signed;
    const a = s ? BigInt.asIntN(64, l.val!) : BigInt.asUintN(64, l.val!);
    const b = s ? BigInt.asIntN(64, r.val!) : BigInt.asUintN(64, r.val!);
    const v = op === '==' ? a === b : op === '!=' ? a !== b : op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    return num(v ? 1n : 0n, T.int, span);
  }
  return { k: 'cmp', op, lhs: l, rhs: r, opTy, ty: T.int, span };
}

function truthy(p: PState, n: Node): Node {
  const d = rvalue(p, n);
  if (!isScalar(d.ty!)) p.error(d.span, `'${typeName(d.ty!)}' is not a scalar; a condition must be`, CDiag.TypeError);
  return d;
}

function isLvalue(n: Node): boolean {
  return n.k === 'var' || n.k === 'deref' || n.k === 'member' || (n.k === 'str');
}

function checkAssignable(p: PState, n: Node): void {
  if (!isLvalue(n) || n.ty?.kind === 'array' || (n.k === 'var' && n.sym!.kind !== 'local' && n.sym!.kind !== 'global')) {
    p.error(n.span, 'expression is not assignable', CDiag.TypeError);
  }
}

export function constExpr(p: PState): bigint {
  const n = conditional(p);
  if (n.k !== 'num') {
    p.error(n.span, 'expression is not an integer constant expression', CDiag.ConstExpr);
    return 0n;
  }
  return n.ty?.kind === 'int' && n.ty.signed ? BigInt.asIntN(64, n.val!) : n.val!;
}

/** expr = assign ("," assign)* */
export function expr(p: PState): Node {
  let n = assign(p);
  while (p.is(',')) {
    p.advance();
    const r = assign(p);
    n = n.k === 'num' && r.k === 'num' ? r : { k: 'comma', lhs: n, rhs: r, ty: decay(r).ty, span: spanOf(n, r) };
  }
  return n;
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']);

/** assign = conditional (assign-op assign)? */
export function assign(p: PState): Node {
  const l = conditional(p);
  if (p.tok.kind === 'punct' && ASSIGN_OPS.has(p.tok.text)) {
    const opTok = p.advance();
    const r = assign(p);
    checkAssignable(p, l);
    const span = spanOf(l, r);
    if (opTok.text === '=') {
      if (l.ty!.kind === 'struct') {
        if (r.ty !== l.ty) p.error(r.span, `assigning to '${typeName(l.ty!)}' from incompatible type '${typeName(r.ty!)}'`, CDiag.TypeError);
        return { k: 'assign', lhs: l, rhs: r, ty: l.ty, span };
      }
      return { k: 'assign', lhs: l, rhs: convert(p, r, l.ty!, 'assigning'), ty: l.ty, span };
    }
    const op = opTok.text.slice(0, -1);
    if (isPtr(l.ty!) && (op === '+' || op === '-')) {
      const to = (l.ty as { to: Type }).to;
      return { k: 'opassign', op, lhs: l, rhs: convert(p, r, T.long), opTy: l.ty, val: BigInt(to.kind === 'void' ? 1 : sizeOf(to)), ty: l.ty, span };
    }
    const probe = arith(p, op, { k: 'num', val: 0n, ty: l.ty, span: l.span }, r, span);
    const opTy = probe.ty!;
    const shift = op === '<<' || op === '>>';
    return { k: 'opassign', op, lhs: l, rhs: convert(p, rvalue(p, r), shift ? promote(intOperand(p, r, op).ty as IntType) : opTy), opTy, ty: l.ty, span, opAt: opTok.span };
  }
  return l;
}

/** conditional = logor ("?" expr ":" conditional)? */
export function conditional(p: PState): Node {
  const c = binary(p, 1);
  if (!p.is('?')) return c;
  p.advance();
  const a = p.is(':') ? c : expr(p);
  p.expect(':');
  const b = conditional(p);
  const ra = rvalue(p, a);
  const rb = rvalue(p, b);
  let ty: Type;
  if (isInt(ra.ty!) && isInt(rb.ty!)) ty = commonInt(ra.ty as IntType, rb.ty as IntType);
  else if (isPtr(ra.ty!)) ty = ra.ty!;
  else if (isPtr(rb.ty!)) ty = rb.ty!;
  else ty = ra.ty!;
  const ca = ty.kind === 'void' || ty.kind === 'struct' ? ra : convert(p, ra, ty);
  const cb = ty.kind === 'void' || ty.kind === 'struct' ? rb : convert(p, rb, ty);
  const cc = truthy(p, c);
  if (cc.k === 'num') return cc.val !== 0n ? ca : cb;
  return { k: 'cond', cond: cc, then: ca, els: cb, ty, span: spanOf(c, b) };
}

const PREC: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};

function binary(p: PState, minPrec: number): Node {
  let l = cast(p);
  for (;;) {
    const t = p.tok;
    const prec = t.kind === 'punct' ? PREC[t.text] : undefined;
    if (prec === undefined || prec < minPrec) return l;
    p.advance();
    const r = binary(p, prec + 1);
    const span = t.span; // clang puts the caret on the operator
    const op = t.text;
    if (op === '&&' || op === '||') {
      const a = truthy(p, l);
      const b = truthy(p, r);
      if (a.k === 'num') {
        const av = a.val !== 0n;
        if (op === '&&' && !av) { l = num(0n, T.int, span); continue; }
        if (op === '||' && av) { l = num(1n, T.int, span); continue; }
        l = b.k === 'num' ? num(b.val !== 0n ? 1n : 0n, T.int, span) : compare(p, '!=', b, num(0n, T.int, b.span), span);
        continue;
      }
      l = { k: op === '&&' ? 'logand' : 'logor', lhs: a, rhs: b, ty: T.int, span };
    } else if (op === '==' || op === '!=' || op === '<' || op === '>' || op === '<=' || op === '>=') {
      l = compare(p, op, l, r, span);
    } else {
      l = arith(p, op, l, r, span);
    }
  }
}

/** cast = "(" type-name ")" cast | unary */
function cast(p: PState): Node {
  p.nest(p.tok.span);
  try {
    return castInner(p);
  } finally {
    p.depth--;
  }
}

function castInner(p: PState): Node {
  if (p.is('(') && isTypeStart(p, p.peek())) {
    const start = p.tok.span;
    const save = p.pos;
    p.advance();
    const ty = parseTypeName(p);
    p.expect(')');
    if (p.is('{')) { p.pos = save; return unary(p); } // compound literal
    const e = cast(p);
    const span = { ...start, end: Math.max(e.span.end, start.end) };
    if (ty.kind === 'void') return { k: 'cast', lhs: e, ty, span };
    if (!isScalar(ty)) { p.error(span, `used type '${typeName(ty)}' where arithmetic or pointer type is required`, CDiag.TypeError); return e; }
    const c = convert(p, e, ty);
    return { ...c, span: c.k === 'num' ? span : c.span };
  }
  return unary(p);
}

/** unary = ("+"|"-"|"!"|"~"|"&"|"*"|"++"|"--") cast | "sizeof" … | postfix */
function unary(p: PState): Node {
  const t = p.tok;
  const op = t.kind === 'punct' || t.kind === 'ident' ? t.text : '';
  switch (op) {
    case '+': case '-': case '~': {
      p.advance();
      const e = intOperand(p, cast(p), op);
      const ty = promote(e.ty as IntType);
      const c = convert(p, e, ty);
      const span = { ...t.span, end: e.span.end };
      if (op === '+') return c;
      if (c.k === 'num') return num(wrap(op === '-' ? -c.val! : ~c.val!, ty), ty, span);
      return { k: op === '-' ? 'neg' : 'bitnot', lhs: c, ty, span };
    }
    case '!': {
      p.advance();
      const e = truthy(p, cast(p));
      const span = { ...t.span, end: e.span.end };
      if (e.k === 'num') return num(e.val === 0n ? 1n : 0n, T.int, span);
      return { k: 'not', lhs: e, ty: T.int, span };
    }
    case '&': {
      p.advance();
      const e = cast(p);
      const span = { ...t.span, end: e.span.end };
      if (e.k === 'member' && e.member!.bitWidth !== undefined) p.error(span, 'address of bit-field requested', CDiag.TypeError);
      if (e.k === 'deref') return { ...e.lhs!, span };
      if (!isLvalue(e) && !(e.k === 'addr')) p.error(span, 'cannot take the address of an rvalue', CDiag.TypeError);
      if (e.k === 'var' && e.sym!.kind === 'local') e.sym!.addrTaken = true;
      return { k: 'addr', lhs: e, ty: ptrTo(e.ty!), span };
    }
    case '*': {
      p.advance();
      const e = rvalue(p, cast(p));
      const span = { ...t.span, end: e.span.end };
      if (!isPtr(e.ty!)) { p.error(span, `indirection requires pointer operand ('${typeName(e.ty!)}' invalid)`, CDiag.TypeError); return num(0n, T.int, span); }
      const to = (e.ty as { to: Type }).to;
      if (to.kind === 'func') return e;
      return { k: 'deref', lhs: e, ty: to, span };
    }
    case '++': case '--': {
      p.advance();
      p.nest(t.span);
      let e: Node;
      try { e = unary(p); } finally { p.depth--; }
      return incdec(p, e, op[0], true, { ...t.span, end: e.span.end });
    }
    case 'sizeof': case '_Alignof': case '__alignof__': {
      p.advance();
      let ty: Type;
      if (p.is('(') && isTypeStart(p, p.peek())) {
        p.advance();
        ty = parseTypeName(p);
        p.expect(')');
      } else ty = unary(p).ty!;
      if (ty.kind === 'struct' && !ty.complete) p.error(t.span, `invalid application of 'sizeof' to an incomplete type '${typeName(ty)}'`, CDiag.TypeError);
      return num(BigInt(op === 'sizeof' ? sizeOf(ty) : alignOf(ty)), T.ulong, p.from(t.span));
    }
    case '__extension__': p.advance(); return cast(p);
  }
  return postfix(p);
}

function incdec(p: PState, e: Node, op: string, prefix: boolean, span: Span): Node {
  checkAssignable(p, e);
  const t = e.ty!;
  let step = 1n;
  if (isPtr(t)) { const to = (t as { to: Type }).to; step = BigInt(to.kind === 'void' ? 1 : sizeOf(to)); }
  else if (!isInt(t)) p.error(span, `cannot increment value of type '${typeName(t)}'`, CDiag.TypeError);
  return { k: 'incdec', op, prefix, lhs: e, val: step, ty: t, span };
}

/** postfix = primary ("[" expr "]" | "(" args ")" | "." ident | "->" ident | "++" | "--")* */
function postfix(p: PState): Node {
  let n: Node;
  if (p.is('(') && isTypeStart(p, p.peek())) {
    // compound literal: ( type-name ) { initializer-list }
    const start = p.advance().span;
    const ty = parseTypeName(p);
    p.expect(')');
    n = compoundLiteral(p, ty, start);
  } else n = primary(p);
  for (;;) {
    const t = p.tok;
    if (p.consume('[')) {
      const idx = expr(p);
      const close = p.expect(']');
      const base = rvalue(p, n);
      const i = rvalue(p, idx);
      const sum = isPtr(base.ty!) ? arith(p, '+', base, i, base.span) : arith(p, '+', i, base, base.span);
      const span = { ...n.span, end: close.span.end };
      if (!isPtr(sum.ty!)) { p.error(span, 'subscripted value is not an array or pointer', CDiag.TypeError); n = num(0n, T.int, span); continue; }
      n = { k: 'deref', lhs: sum, ty: (sum.ty as { to: Type }).to, span };
      continue;
    }
    if (p.is('(')) { n = call(p, n); continue; }
    if (p.is('.') || p.is('->')) {
      p.advance();
      const nm = p.ident();
      let base = n;
      if (t.text === '->') {
        const b = rvalue(p, n);
        if (!isPtr(b.ty!)) p.fail(t.span, `member reference type '${typeName(b.ty!)}' is not a pointer`, CDiag.TypeError);
        base = { k: 'deref', lhs: b, ty: (b.ty as { to: Type }).to, span: b.span };
      }
      const st = base.ty!;
      if (st.kind !== 'struct') p.fail(nm.span, `member reference base type '${typeName(st)}' is not a structure or union`, CDiag.TypeError);
      if (!st.complete) p.fail(t.span, `incomplete definition of type '${typeName(st)}'`, CDiag.TypeError);
      const m = findMember(st, nm.text);
      if (!m) p.fail(nm.span, `no member named '${nm.text}' in '${typeName(st)}'`, CDiag.TypeError);
      n = { k: 'member', lhs: base, member: m, ty: m.type, span: { ...n.span, end: nm.span.end }, coreIdx: memberPath(st, nm.text), core: !!st.core };
      continue;
    }
    if (p.is('++') || p.is('--')) {
      p.advance();
      n = incdec(p, n, t.text[0], false, { ...n.span, end: t.span.end });
      continue;
    }
    return n;
  }
}

function compoundLiteral(p: PState, ty0: Type, start: Span): Node {
  const s = p.newSym('local', `.compoundliteral${p.nextId}`, ty0, start);
  s.addrTaken = true;
  const { type, img } = initializer(p, ty0);
  s.type = type;
  p.locals.push(s);
  const v: Node = { k: 'var', sym: s, ty: type, span: p.from(start) };
  const decl: Node = { k: 'decl', sym: s, span: v.span, img };
  return { k: 'comma', lhs: { k: 'stmtexpr', body: [decl], ty: T.void, span: v.span }, rhs: v, ty: type, span: v.span };
}

function call(p: PState, fn0: Node): Node {
  p.expect('(');
  const args: Node[] = [];
  const name = fn0.k === 'var' ? fn0.sym!.name : '';
  // Builtins taking types or needing special treatment.
  if (name === '__builtin_offsetof' && fn0.sym!.kind === 'func' && fn0.sym!.isExtern) return offsetofBuiltin(p, fn0);
  while (!p.is(')')) {
    args.push(assign(p));
    if (!p.consume(',')) break;
  }
  const close = p.expect(')');
  const span = { ...fn0.span, end: close.span.end };
  const builtin = builtinCall(p, name, fn0, args, span);
  if (builtin) return builtin;
  const fn = rvalue(p, fn0);
  let ft: Type | undefined = fn.ty;
  if (ft?.kind === 'ptr') ft = ft.to;
  if (ft?.kind !== 'func') {
    p.error(span, `called object type '${typeName(fn.ty!)}' is not a function or function pointer`, CDiag.TypeError);
    return num(0n, T.int, span);
  }
  const params = ft.params;
  if (!ft.oldStyle && (args.length < params.length || (args.length > params.length && !ft.variadic))) {
    p.error(args.length < params.length ? close.span : args[params.length].span, `too ${args.length < params.length ? 'few' : 'many'} arguments to function call, expected ${params.length}, have ${args.length}`, CDiag.TypeError);
  }
  const conv = args.map((a, i) => {
    if (i < params.length) return convert(p, a, params[i], 'passing');
    const r = rvalue(p, a);
    return isInt(r.ty!) ? convert(p, r, promote(r.ty as IntType)) : r;
  });
  const target = fn0.k === 'var' ? fn0.sym! : fn.k === 'addr' && fn.lhs?.k === 'var' ? fn.lhs.sym! : undefined;
  if (target?.kind === 'func') target.used = true;
  // only a call that stays a call passes arguments in R1–R5 (inlined functions take any number)
  if (args.length > 5 && (target?.kind !== 'func' || target.noinline)) p.error(span, 'too many arguments: BPF calls take at most 5', CDiag.Unsupported);
  return {
    k: 'call', args: conv, ty: ft.ret, span,
    callee: target?.kind === 'func' ? target : undefined,
    helper: target?.kind === 'global' ? target.helperId : undefined,
    lhs: target ? undefined : fn,
  };
}

/** primary = "(" expr ")" | "({" stmts "})" | ident | number | char | string */
function primary(p: PState): Node {
  const t = p.tok;
  if (p.is('(') && p.peek().text === '{') {
    p.advance();
    const body = compoundStmt(p);
    const close = p.expect(')');
    const last = body.body?.[body.body.length - 1];
    // the value is the last expression's, converted as an rvalue (an array decays to a pointer)
    if (last?.k === 'exprstmt' && last.lhs!.ty?.kind === 'array') last.lhs = decay(last.lhs!);
    const ty = last?.k === 'exprstmt' ? decay(last.lhs!).ty! : T.void;
    return { k: 'stmtexpr', body: body.body, ty, span: { ...t.span, end: close.span.end } };
  }
  if (p.consume('(')) {
    const e = expr(p);
    const close = p.expect(')');
    return { ...e, span: e.k === 'num' ? { ...t.span, end: close.span.end } : e.span };
  }
  if (t.kind === 'num') {
    p.advance();
    const n = parseNumber(t.text);
    if (!n) {
      if (/[.eEpP]/.test(t.text) && !/^0[xX]/.test(t.text)) p.error(t.span, 'floating point is not supported by the BPF target', CDiag.Unsupported);
      else p.error(t.span, `invalid integer constant '${t.text}'`, CDiag.Syntax);
      return num(0n, T.int, t.span);
    }
    const v = n.value;
    const dec = !/^0/.test(t.text) || t.text === '0';
    let ty: IntType;
    if (!n.long && !n.unsigned && v <= 0x7fffffffn) ty = T.int;
    else if (!n.long && (n.unsigned || !dec) && v <= 0xffffffffn) ty = T.uint;
    else if (!n.unsigned && v <= 0x7fffffffffffffffn) ty = T.long;
    else ty = T.ulong;
    if (v > 0xffffffffffffffffn) p.error(t.span, 'integer literal is too large to be represented in any integer type', CDiag.Syntax);
    return num(wrap(v, ty), ty, t.span);
  }
  if (t.kind === 'char') {
    p.advance();
    const b = decodeEscapes(t.text.slice(t.text.indexOf("'") + 1, -1));
    if (b.length === 0) p.error(t.span, 'empty character constant', CDiag.Syntax);
    return num(BigInt(((b[0] ?? 0) << 24) >> 24), T.int, t.span);
  }
  if (t.kind === 'str') {
    let bytes: number[] = [];
    const start = t.span;
    while (p.tok.kind === 'str') bytes = bytes.concat(decodeEscapes(p.advance().text.replace(/^[a-zA-Z0-9]*"|"$/g, '')));
    bytes.push(0);
    return { k: 'str', bytes, ty: arrayOf(T.char, bytes.length), span: p.from(start) };
  }
  if (t.kind === 'ident') {
    p.advance();
    const s = p.lookup(t.text);
    if (!s) {
      if (t.text.startsWith('__builtin_') || t.text.startsWith('__sync_') || t.text.startsWith('__atomic_')) {
        const b = p.newSym('func', t.text, { kind: 'func', ret: T.long, params: [], variadic: true, oldStyle: true }, t.span);
        b.isExtern = true;
        return { k: 'var', sym: b, ty: b.type, span: t.span };
      }
      if (p.is('(')) {
        p.error(t.span, `call to undeclared function '${t.text}'; ISO C99 and later do not support implicit function declarations [-Wimplicit-function-declaration]`, CDiag.UndeclaredIdent);
        const f = p.newSym('func', t.text, { kind: 'func', ret: T.int, params: [], variadic: false, oldStyle: true }, t.span);
        p.scopes[0].vars.set(t.text, f);
        return { k: 'var', sym: f, ty: f.type, span: t.span };
      }
      p.error(t.span, `use of undeclared identifier '${t.text}'`, CDiag.UndeclaredIdent);
      return num(0n, T.int, t.span);
    }
    if (s.kind === 'enumconst') return { ...num(s.value!, T.int, t.span), enumConst: s.name };
    if (s.kind === 'typedef') p.fail(t.span, `unexpected type name '${t.text}': expected expression`);
    s.used = true;
    return { k: 'var', sym: s, ty: s.type, span: t.span };
  }
  if (t.kind === 'eof') p.fail(t.span, 'expected expression');
  p.fail(t.span, 'expected expression');
}
