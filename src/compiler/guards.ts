/**
 * Non-negativity from guards, flow-sensitively: after `if (x < 0) return …;` (or `break` /
 * `continue`; also `x <= -1`, `0 > x`, `-1 >= x`), or after the clamp `if (x < K) x = K;` (K >= 0),
 * the rest of the enclosing block only runs with `x >= 0`, so a signed `x / 8` there divides unsigned — what LLVM's correlated-value propagation
 * proves, letting clang-19 (no signed division on its default CPU) compile it as a shift.
 *
 * A fact holds from the guard to the end of its block, only for a local (never address-taken)
 * that the rest of the block does not assign, and not when the rest holds a label (a `goto`
 * could enter past the guard). Code generation adds facts as it walks a block (cgStmt.ts) and
 * `nonNeg` (cgExpr.ts) consults them.
 * Does not: facts from `if (x >= 0) { … }` bodies, ranges other than the sign, or anything across
 * function boundaries. Own code.
 */
import type { Node, Sym } from './ast.ts';

const facts = new Set<Sym>();

/** Whether a guard earlier in an enclosing block proved local `sym` non-negative here. */
export function guardedNonNeg(sym: Sym | undefined): boolean {
  return !!sym && facts.has(sym);
}

/** Run `f` with `sym` known non-negative (the rest of a block), then forget it. */
export function withFact<T>(sym: Sym | undefined, f: () => T): T {
  if (!sym || facts.has(sym)) return f();
  facts.add(sym);
  try {
    return f();
  } finally {
    facts.delete(sym);
  }
}

const exits = (n: Node | undefined): boolean => {
  if (!n) return false;
  if (n.k === 'return' || n.k === 'break' || n.k === 'continue' || n.k === 'goto') return true;
  return n.k === 'block' && exits(n.body?.[n.body.length - 1]);
};

/** The signed local `v` in `v`, or in a value-preserving cast of it. */
function localOf(e: Node | undefined): Sym | undefined {
  let cur = e;
  while (cur?.k === 'cast' && cur.ty?.kind === 'int' && cur.lhs?.ty?.kind === 'int' && cur.lhs.ty.signed && cur.lhs.ty.size <= cur.ty.size) cur = cur.lhs;
  const s = cur?.k === 'var' ? cur.sym : undefined;
  return s && s.kind === 'local' && !s.addrTaken && s.type.kind === 'int' && s.type.signed ? s : undefined;
}

const num = (e: Node | undefined): bigint | undefined => (e?.k === 'num' ? BigInt.asIntN(64, e.val!) : undefined);

/**
 * The local statement `body[i]` proves non-negative for `body[i + 1 … end - 1]`, if any: up to
 * the first later statement that assigns it (other than keeping it non-negative, `v /= 1000`),
 * takes its address or holds a label.
 */
export function guardSpan(body: readonly Node[], i: number): { sym: Sym; end: number } | undefined {
  const n = body[i];
  if (n.k !== 'if' || n.els || n.cond?.k !== 'cmp') return undefined;
  // the branch runs when v < bound
  const c = n.cond;
  let v: Sym | undefined;
  let bound: bigint | undefined;
  const r = num(c.rhs);
  const l = num(c.lhs);
  if (r !== undefined && (c.op === '<' || c.op === '<=')) { v = localOf(c.lhs); bound = c.op === '<' ? r : r + 1n; }
  else if (l !== undefined && (c.op === '>' || c.op === '>=')) { v = localOf(c.rhs); bound = c.op === '>' ? l : l + 1n; }
  if (!v || bound === undefined) return undefined;
  // `if (v < 0) return;` leaves; `if (v < K) v = K;` (K >= 0) clamps — LLVM's smax(v, K), which
  // clang-19 knows is non-negative (a clamp to another value, `if (v < 0) v = 1`, it does not)
  if (!(exits(n.then) && bound === 0n) && !(bound >= 0n && clampsTo(n.then, v, bound))) return undefined;
  let end = i + 1;
  while (end < body.length && !touches(body[end], v)) end++;
  return end > i + 1 ? { sym: v, end } : undefined;
}

/** `then` is exactly `v = k;` (alone, or alone in a block). */
function clampsTo(then: Node | undefined, v: Sym, k: bigint): boolean {
  let t = then;
  if (t?.k === 'block' && t.body?.length === 1) t = t.body[0];
  const a = t?.k === 'exprstmt' ? t.lhs : undefined;
  return a?.k === 'assign' && a.lhs?.k === 'var' && a.lhs.sym === v && constThrough(a.rhs) === k;
}

/** The value of a constant, through casts. */
const constThrough = (e: Node | undefined): bigint | undefined => {
  let cur = e;
  while (cur?.k === 'cast') cur = cur.lhs;
  return cur?.k === 'num' && cur.ty?.kind === 'int' ? (cur.ty.signed ? BigInt.asIntN(cur.ty.size * 8, cur.val!) : BigInt.asUintN(cur.ty.size * 8, cur.val!)) : undefined;
};

/** `v /= k`, `v %= k`, `v >>= k`, `v &= k` (k > 0 / >= 0 a constant): a non-negative `v` stays so. */
function keeps(n: Node): boolean {
  const k = constThrough(n.rhs);
  if (k === undefined) return false;
  if (n.op === '/' || n.op === '%') return k > 0n;
  return (n.op === '>>' || n.op === '&') && k >= 0n;
}

/** Does `n` assign `v`, take its address, or hold a label? */
function touches(n: Node | undefined, v: Sym, depth = 0): boolean {
  if (!n || depth > 400) return !!n;
  if (n.k === 'label') return true;
  if ((n.k === 'assign' || n.k === 'opassign' || n.k === 'incdec') && n.lhs?.k === 'var' && n.lhs.sym === v && !(n.k === 'opassign' && keeps(n))) return true;
  if (n.k === 'addr' && n.lhs?.k === 'var' && n.lhs.sym === v) return true;
  if (n.k === 'decl' && n.img) for (const w of n.img.stores) if (touches(w.expr, v, depth + 1)) return true;
  for (const c of [n.lhs, n.rhs, n.cond, n.then, n.els, n.init, n.inc]) if (touches(c, v, depth + 1)) return true;
  for (const c of [...(n.body ?? []), ...(n.args ?? []), ...(n.cases ?? [])]) if (touches(c, v, depth + 1)) return true;
  return false;
}
