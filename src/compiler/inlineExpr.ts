/**
 * Expression inlining of one-line functions, as clang's inliner leaves them: a call of an
 * inline function whose body is just `return E;` becomes E with the arguments in place of the
 * parameters, so `if (valid_uid(uid))` compiles to one conditional jump instead of a call frame,
 * a result register and a test of it.
 *
 * Only when it cannot change behaviour: scalar parameters the body never assigns or addresses;
 * every argument free of side effects (a volatile read counts as one unless its parameter is
 * used exactly once); and either E itself free of side effects, or every argument a constant or
 * a register-only local (so no argument's value can change while E runs). An argument used more
 * than once must be a constant or a local (no duplicated loads).
 * Does not: bodies with more than the one return, `__noinline` functions (real bpf-to-bpf calls).
 */
import type { Node, Sym } from './ast.ts';
import { isScalar } from './types.ts';

const MAX_DEPTH = 16;

/** Rewrite the calls in every function body (bodies are shared by all their inlined copies). */
export function inlineTrivialCalls(funcs: readonly Sym[]): void {
  for (const f of funcs) if (f.body) f.body = rewrite(f.body, 0);
}

function rewrite(n: Node, depth: number): Node {
  if (depth > 400) return n;
  for (const k of ['lhs', 'rhs', 'cond', 'then', 'els', 'init', 'inc'] as const) {
    const c = n[k];
    if (c) n[k] = rewrite(c, depth + 1);
  }
  for (const list of [n.body, n.args, n.cases]) {
    if (list) for (let i = 0; i < list.length; i++) list[i] = rewrite(list[i], depth + 1);
  }
  if (n.img) {
    for (const s of n.img.stores) s.expr = rewrite(s.expr, depth + 1);
    if (n.img.whole) n.img.whole = rewrite(n.img.whole, depth + 1);
  }
  if (n.k === 'call') return expand(n, 0) ?? n;
  return n;
}

function returned(fn: Sym): Node | undefined {
  const b = fn.body;
  if (!b || b.k !== 'block' || b.body?.length !== 1) return undefined;
  const r = b.body[0];
  return r.k === 'return' && r.lhs && r.lhs.ty?.kind !== 'void' ? r.lhs : undefined;
}

function expand(call: Node, level: number): Node | undefined {
  const fn = call.callee;
  if (!fn || fn.noinline || level > MAX_DEPTH) return undefined;
  const e = returned(fn);
  const params = fn.params ?? [];
  const args = call.args ?? [];
  if (!e || args.length !== params.length) return undefined;
  if (!isScalar(call.ty ?? { kind: 'void' })) return undefined;
  const simple = (a: Node): boolean => a.k === 'num' || (a.k === 'var' && a.sym?.kind === 'local' && !a.sym.addrTaken);
  const uses = new Map<number, number>();
  let assigned = false;
  const scan = (x: Node | undefined): void => {
    if (!x) return;
    if (x.k === 'var' && x.sym) uses.set(x.sym.id, (uses.get(x.sym.id) ?? 0) + 1);
    if ((x.k === 'assign' || x.k === 'opassign' || x.k === 'incdec' || x.k === 'addr') && x.lhs?.k === 'var') assigned = true;
    for (const c of [x.lhs, x.rhs, x.cond, x.then, x.els, ...(x.args ?? []), ...(x.body ?? [])]) scan(c);
  };
  scan(e);
  if (assigned) return undefined;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (!isScalar(p.type) || p.addrTaken || !pure(args[i], 0, true)) return undefined;
    if ((uses.get(p.id) ?? 0) > 1 && !simple(args[i])) return undefined;
    // a volatile read must still happen exactly once
    if (!pure(args[i]) && (uses.get(p.id) ?? 0) !== 1) return undefined;
  }
  if (!pure(e) && !args.every(simple)) return undefined;
  const byId = new Map(params.map((p, i) => [p.id, args[i]]));
  const clone = (x: Node): Node => {
    if (x.k === 'var' && x.sym && byId.has(x.sym.id)) return byId.get(x.sym.id)!;
    const c: Node = { ...x };
    for (const k of ['lhs', 'rhs', 'cond', 'then', 'els'] as const) if (x[k]) c[k] = clone(x[k]!);
    if (x.args) c.args = x.args.map(clone);
    if (c.k === 'call') return expand(c, level + 1) ?? c;
    return c;
  };
  if (e.k === 'stmtexpr' || hasStatements(e)) return undefined;
  return clone(e);
}

function hasStatements(n: Node | undefined, depth = 0): boolean {
  if (!n || depth > 200) return false;
  if (n.body || n.img || n.k === 'stmtexpr') return true;
  return [n.lhs, n.rhs, n.cond, n.then, n.els, ...(n.args ?? [])].some((c) => hasStatements(c, depth + 1));
}

/** No side effects (no calls, stores, statement expressions; volatile reads only if allowed). */
function pure(n: Node | undefined, depth = 0, volatileOk = false): boolean {
  if (!n || depth > 200) return !n;
  const p = (x: Node | undefined): boolean => pure(x, depth + 1, volatileOk);
  switch (n.k) {
    case 'num': case 'str': case 'coreval': return true;
    case 'var': return (volatileOk || !n.sym?.isVolatile) && n.sym?.kind !== 'func';
    case 'member': case 'deref': case 'addr': case 'cast': case 'neg': case 'bitnot': case 'not': case 'bswap':
      return p(n.lhs);
    case 'binop': case 'cmp': case 'ptradd': case 'ptrdiff': case 'logand': case 'logor': case 'comma':
      return p(n.lhs) && p(n.rhs);
    case 'cond': return p(n.cond) && p(n.then) && p(n.els);
    default: return false;
  }
}
