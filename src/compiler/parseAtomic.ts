/**
 * The GCC/clang `__atomic_*` builtins, lowered as clang-19 lowers them for BPF:
 * `__atomic_fetch_{add,sub,and,or,xor}` → the `atomic` node (BPF_ATOMIC, with BPF_FETCH when the
 * value is used); `__atomic_{add,sub,and,or,xor}_fetch` → that, then the operation applied again
 * to the old value; `__atomic_exchange_n` → xchg; `__atomic_compare_exchange_n` → cmpxchg, true
 * when the old value was the expected one, the old value written back to `*expected` otherwise.
 * `__atomic_load_n` / `__atomic_store_n` are refused, as clang-19 refuses them (its BPF backend
 * cannot select atomic loads/stores of any memory order; load-acquire came with LLVM 20).
 * The memory-order argument is evaluated for its type only (`__ATOMIC_*` are predefined macros).
 * Not here: the generic (non-`_n`) `__atomic_load/store/exchange` forms taking pointers to values.
 * Own code.
 */
import type { Span } from '../diag/diagnostic.ts';
import type { Node, Sym } from './ast.ts';
import { CDiag } from './diagCodes.ts';
import { arith, compare, convert, num, rvalue } from './parseExpr.ts';
import type { PState } from './pstate.ts';
import { T, type Type } from './types.ts';

const FETCH_OP: Record<string, string> = { add: '+', sub: '-', and: '&', or: '|', xor: '^' };

/** The lowered builtin, or undefined when `name` is not an `__atomic_*` builtin handled here. */
export function atomicBuiltin(p: PState, name: string, args: Node[], span: Span): Node | undefined {
  const m = /^__atomic_(?:fetch_(add|sub|and|or|xor)|(add|sub|and|or|xor)_fetch|exchange_n|compare_exchange_n|load_n|store_n)$/.exec(name);
  if (!m) return undefined;
  const want = name === '__atomic_compare_exchange_n' ? 6 : name === '__atomic_load_n' ? 2 : 3;
  if (args.length !== want) {
    p.error(span, `too ${args.length < want ? 'few' : 'many'} arguments to function call, expected ${want}, have ${args.length}`, CDiag.TypeError);
    return num(0n, T.int, span);
  }
  const ptr = rvalue(p, args[0]);
  const to = ptr.ty?.kind === 'ptr' ? ptr.ty.to : undefined;
  if (!to || to.kind !== 'int') {
    p.error(ptr.span, `address argument to atomic operation must be a pointer to integer ('${ptr.ty?.kind ?? '?'}' invalid)`, CDiag.TypeError);
    return num(0n, T.int, span);
  }
  if (name === '__atomic_load_n' || name === '__atomic_store_n') {
    // clang-19 stops with "error in backend: Cannot select: … Atomic{Load,Store}" for every memory order
    const what = name === '__atomic_load_n' ? 'load' : 'store';
    p.error(span, `${name} is not supported by the BPF target in LLVM 19 (clang-19: "Cannot select: Atomic${what === 'load' ? 'Load' : 'Store'}"); use a volatile access (READ_ONCE / WRITE_ONCE) instead`, CDiag.Unsupported);
    return num(0n, T.int, span);
  }
  if (to.size < 4) {
    p.error(ptr.span, 'atomic operation needs a pointer to a 32- or 64-bit integer', CDiag.TypeError);
    return num(0n, T.int, span);
  }
  if (name === '__atomic_exchange_n') return { k: 'atomic', op: 'xchg', lhs: ptr, rhs: convert(p, args[1], to), ty: to, span };
  if (name === '__atomic_compare_exchange_n') return compareExchange(p, ptr, to, args, span);
  const op = FETCH_OP[m[1] ?? m[2]];
  const val = convert(p, args[1], to);
  if (m[1]) return { k: 'atomic', op, lhs: ptr, rhs: val, ty: to, span };
  // op_fetch: the new value = old op val (val kept in a local unless it is a constant)
  if (val.k === 'num') return convert(p, arith(p, op, { k: 'atomic', op, lhs: ptr, rhs: val, ty: to, span }, val, span), to);
  const v = local(p, 'v', to, span);
  const vr: Node = { k: 'var', sym: v, ty: to, span };
  const sum = convert(p, arith(p, op, { k: 'atomic', op, lhs: ptr, rhs: vr, ty: to, span }, vr, span), to);
  return { k: 'stmtexpr', body: [{ k: 'decl', sym: v, init: val, span }, { k: 'exprstmt', lhs: sum, span }], ty: to, span };
}

function local(p: PState, what: string, ty: Type, span: Span): Sym {
  const s = p.newSym('local', `.atomic.${what}${p.nextId}`, ty, span);
  p.locals.push(s);
  return s;
}

/** ({ T e = *expected; T old = cmpxchg(ptr, e, desired); int ok = old == e; if (!ok) *expected = old; ok; }) */
function compareExchange(p: PState, ptr: Node, to: Type, args: Node[], span: Span): Node {
  const exp = rvalue(p, args[1]);
  if (exp.ty?.kind !== 'ptr') {
    p.error(exp.span, 'the expected-value argument of __atomic_compare_exchange_n must be a pointer', CDiag.TypeError);
    return num(0n, T.int, span);
  }
  const ep = local(p, 'expected', exp.ty, span);
  const e = local(p, 'e', to, span);
  const old = local(p, 'old', to, span);
  const ok = local(p, 'ok', T.int, span);
  const v = (s: Sym): Node => ({ k: 'var', sym: s, ty: s.type, span });
  const atExp: Node = { k: 'deref', lhs: v(ep), ty: to, span };
  return {
    k: 'stmtexpr',
    ty: T.int,
    span,
    body: [
      { k: 'decl', sym: ep, init: exp, span },
      { k: 'decl', sym: e, init: convert(p, atExp, to), span },
      { k: 'decl', sym: old, init: { k: 'atomic', op: 'cmpxchg', lhs: ptr, rhs: convert(p, args[2], to), cond: v(e), ty: to, span }, span },
      { k: 'decl', sym: ok, init: compare(p, '==', v(old), v(e), span), span },
      { k: 'if', cond: compare(p, '==', v(ok), num(0n, T.int, span), span), then: { k: 'exprstmt', lhs: { k: 'assign', lhs: atExp, rhs: v(old), ty: to, span }, span }, span },
      { k: 'exprstmt', lhs: v(ok), span },
    ],
  };
}
