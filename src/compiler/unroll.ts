/**
 * Full unrolling of small counted loops, as clang -O2 does: `for (i = A; i < B; i++)`-shaped
 * loops whose trip count is a compile-time constant and whose body is small are emitted as
 * straight-line copies. It matters for the verifier, not just speed: a rolled loop makes the
 * kernel walk every iteration with loop-carried state (and can exhaust its 1M-instruction budget
 * where clang's unrolled code passes), while each unrolled copy sees the counter as a constant.
 *
 * Recognised: init `T i = A` (a declaration, integer constant), condition `i OP B`
 * (OP one of < <= > >= !=, B constant), step `i++`, `i--`, `i += K`, `i -= K`; the body must not
 * assign `i` or take its address, and must contain no labels. Trip counts up to 64 (8 when the
 * body can `break` out), body size × trips up to a node budget (a stand-in for clang's unroll
 * threshold).
 * Does not: partial unrolling, `#pragma unroll` counts (ignored), while/do loops.
 */
import type { Node } from './ast.ts';
import { wrap, type IntType } from './types.ts';

const MAX_TRIPS = 64;
const NODE_BUDGET = 600;
const MAX_EXIT_TRIPS = 8;

/** The counter and its successive values when `n` (a `loop`) should be unrolled, else undefined. */
export function unrollPlan(n: Node): { id: number; ty: IntType; values: bigint[]; final: bigint; declared: boolean } | undefined {
  if (n.doWhile || !n.init || !n.cond || !n.inc) return undefined;
  // init
  let ivar: Node['sym'];
  let start: bigint | undefined;
  const init = n.init.k === 'block' && n.init.body?.length === 1 ? n.init.body[0] : n.init;
  if (init.k === 'decl' && init.init?.k === 'num') { ivar = init.sym; start = init.init.val; }
  else if (init.k === 'exprstmt' && init.lhs?.k === 'assign' && init.lhs.lhs?.k === 'var' && init.lhs.rhs?.k === 'num') {
    ivar = init.lhs.lhs.sym; start = init.lhs.rhs.val;
  }
  // Only counters declared by the loop: nothing can read them after it.
  if (init.k !== 'decl') return undefined;
  if (!ivar || start === undefined || ivar.kind !== 'local' || ivar.addrTaken || ivar.type.kind !== 'int') return undefined;
  const ty = ivar.type as IntType;
  // condition: i OP B (through no-op conversions)
  const c = n.cond;
  if (c.k !== 'cmp' || c.rhs?.k !== 'num' || !refersTo(c.lhs, ivar.id)) return undefined;
  const bound = c.rhs.val!;
  const signed = c.opTy?.kind === 'int' && c.opTy.signed;
  // step
  const inc = n.inc.k === 'exprstmt' ? n.inc.lhs! : n.inc;
  let step: bigint | undefined;
  if (inc.k === 'incdec' && inc.lhs?.k === 'var' && inc.lhs.sym === ivar) step = inc.op === '+' ? 1n : -1n;
  else if (inc.k === 'opassign' && inc.lhs?.k === 'var' && inc.lhs.sym === ivar && inc.rhs?.k === 'num' && (inc.op === '+' || inc.op === '-')) {
    step = inc.op === '+' ? inc.rhs.val! : -inc.rhs.val!;
  }
  if (step === undefined || step === 0n) return undefined;
  if (assigns(n.then, ivar.id) || hasLabel(n.then)) return undefined;
  // simulate
  const norm = (v: bigint): bigint => {
    const w = wrap(v, ty);
    return signed ? BigInt.asIntN(64, w) : BigInt.asUintN(64, w);
  };
  const test = (v: bigint): boolean => {
    const b = signed ? BigInt.asIntN(64, bound) : BigInt.asUintN(64, bound);
    switch (c.op) {
      case '<': return v < b;
      case '<=': return v <= b;
      case '>': return v > b;
      case '>=': return v >= b;
      case '!=': return v !== b;
      default: return false;
    }
  };
  let v = norm(start);
  const values: bigint[] = [];
  while (test(v)) {
    if (values.length >= MAX_TRIPS) return undefined;
    values.push(v);
    v = norm(v + step);
  }
  if (!values.length) return undefined;
  if (size(n.then) * values.length > NODE_BUDGET) return undefined;
  // A loop that can leave early on data (a `break` of its own) is left rolled beyond a few trips,
  // like clang's unroller, which does not fully unroll such multi-exit loops.
  if (values.length > MAX_EXIT_TRIPS && breaks(n.then)) return undefined;
  return { id: ivar.id, ty, values, final: v, declared: init.k === 'decl' };
}

function refersTo(e: Node | undefined, id: number): boolean {
  if (!e) return false;
  if (e.k === 'var') return e.sym?.id === id;
  return e.k === 'cast' && refersTo(e.lhs, id);
}

function children(n: Node): (Node | undefined)[] {
  return [n.lhs, n.rhs, n.cond, n.then, n.els, n.init, n.inc, ...(n.body ?? []), ...(n.args ?? []), ...(n.cases ?? [])];
}

function assigns(n: Node | undefined, id: number): boolean {
  if (!n) return false;
  if ((n.k === 'assign' || n.k === 'opassign' || n.k === 'incdec') && n.lhs?.k === 'var' && n.lhs.sym?.id === id) return true;
  if (n.k === 'addr' && n.lhs?.k === 'var' && n.lhs.sym?.id === id) return true;
  return children(n).some((c) => assigns(c, id));
}

/** Does `n` contain a `break` of the enclosing loop (not of a nested loop or switch)? */
function breaks(n: Node | undefined): boolean {
  if (!n || n.k === 'loop' || n.k === 'switch') return false;
  return n.k === 'break' || children(n).some(breaks);
}

function hasLabel(n: Node | undefined): boolean {
  if (!n) return false;
  return n.k === 'label' || children(n).some(hasLabel);
}

function size(n: Node | undefined): number {
  if (!n) return 0;
  let s = 1;
  for (const c of children(n)) s += size(c);
  if (n.k === 'call' && n.callee?.body && !n.callee.noinline) s += size(n.callee.body);
  return s;
}

/**
 * A copy of `body` with the loop counter replaced by the constant `value` and the constant
 * subexpressions this creates folded (comparisons, arithmetic, casts), as clang's unrolled copies
 * have them. Shared nodes (a switch's `cases` and the case statements) stay shared in the copy.
 */
export function substitute(body: Node, id: number, value: bigint, ty: IntType): Node {
  const memo = new Map<Node, Node>();
  const num = (v: bigint, t: Node['ty'], span: Node['span']): Node => ({ k: 'num', val: v, ty: t, span });
  const go = (n: Node): Node => {
    const m = memo.get(n);
    if (m) return m;
    if (n.k === 'var' && n.sym?.id === id) {
      const r = num(wrap(value, ty), n.ty, n.span);
      memo.set(n, r);
      return r;
    }
    const c: Node = { ...n };
    memo.set(n, c);
    for (const k of ['lhs', 'rhs', 'cond', 'then', 'els', 'init', 'inc'] as const) if (n[k]) c[k] = go(n[k]!);
    if (n.body) c.body = n.body.map(go);
    if (n.args) c.args = n.args.map(go);
    if (n.cases) c.cases = n.cases.map(go);
    if (n.img) c.img = { ...n.img, stores: n.img.stores.map((s) => ({ ...s, expr: go(s.expr) })), whole: n.img.whole && go(n.img.whole) };
    return fold(c);
  };
  return go(body);
}

function fold(n: Node): Node {
  const a = n.lhs?.k === 'num' ? n.lhs.val! : undefined;
  const b = n.rhs?.k === 'num' ? n.rhs.val! : undefined;
  const it = n.ty?.kind === 'int' ? n.ty : undefined;
  const mk = (v: bigint): Node => ({ k: 'num', val: v, ty: n.ty, span: n.span });
  if (n.k === 'cast' && a !== undefined && n.ty?.kind !== 'void') return mk(it ? wrap(a, it) : BigInt.asUintN(64, a));
  if (n.k === 'binop' && a !== undefined && b !== undefined && it) {
    const bits = BigInt(it.size * 8);
    const r: Record<string, () => bigint | undefined> = {
      '+': () => a + b, '-': () => a - b, '*': () => a * b, '&': () => a & b, '|': () => a | b, '^': () => a ^ b,
      '<<': () => a << (b & (bits - 1n)), '>>': () => a >> (b & (bits - 1n)),
      '/': () => (b === 0n ? undefined : a / b), '%': () => (b === 0n ? undefined : a % b),
    };
    const v = r[n.op!]?.();
    return v === undefined ? n : mk(wrap(v, it));
  }
  if (n.k === 'cmp' && a !== undefined && b !== undefined) {
    const s = n.opTy?.kind === 'int' && n.opTy.signed;
    const x = s ? BigInt.asIntN(64, a) : BigInt.asUintN(64, a);
    const y = s ? BigInt.asIntN(64, b) : BigInt.asUintN(64, b);
    const v = n.op === '==' ? x === y : n.op === '!=' ? x !== y : n.op === '<' ? x < y : n.op === '<=' ? x <= y : n.op === '>' ? x > y : x >= y;
    return mk(v ? 1n : 0n);
  }
  if (n.k === 'not' && a !== undefined) return mk(a === 0n ? 1n : 0n);
  return n;
}
