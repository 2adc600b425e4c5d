/**
 * Reuse of a compared load, the one piece of clang's GVN the verifier depends on: in
 *
 *     if (e->len > MAX) return 0;
 *     bpf_probe_read_user_str(&e->buf[e->len], 64, src);
 *
 * clang loads `e->len` once, so the register the kernel saw bounded by the comparison is the one
 * that indexes `e->buf`. Loading it twice (once per mention) leaves the second load unbounded and
 * the program rejected ("unbounded memory access"). This pass rewrites the statement list to
 * `T tmp = e->len; if (tmp > MAX) return 0; …&e->buf[tmp]…` when the compared expression is a
 * pure load (a member/deref chain off a local) mentioned again before anything could change it.
 *
 * A later statement may use the value while it has no side effects at all; a statement that has
 * some may still use it in what it evaluates first (a call's arguments, a store's address and
 * value, a return's value), and ends the reuse. Compound statements, labels, stores through pointers,
 * atomics and copies end it too.
 * Does not: general common-subexpression elimination, or reuse across control-flow joins.
 */
import type { Node, Sym } from './ast.ts';
import { isScalar, type Type } from './types.ts';

let nextId = 1_000_000_000;

/** Rewrite every statement list in `fn`'s body (once; inlined copies share the body). */
export function reuseComparedLoads(fn: Sym): void {
  if (fn.body) walk(fn.body, 0);
}

function walk(n: Node | undefined, depth: number): void {
  if (!n || depth > 200) return;
  if (n.k === 'block' && n.body) {
    for (let i = 0; i < n.body.length; i++) {
      const inserted = tryAt(n.body, i) || tryTernaryAt(n.body, i);
      if (inserted) i++;
    }
  }
  for (const c of [n.then, n.els, n.init, n.inc, ...(n.k === 'block' ? n.body ?? [] : []), ...(n.cases ?? [])]) {
    if (c && c !== n) walk(c, depth + 1);
  }
}

/** At `body[i]` (an `if` that leaves), hoist its compared load into a temporary; true if done. */
function tryAt(body: Node[], i: number): boolean {
  const s = body[i];
  if (s.k !== 'if' || s.els || !leaves(s.then!)) return false;
  const e = comparedLoad(s.cond!);
  if (!e) return false;
  const deps = new Set<number>();
  varsOf(e, deps);
  // find later mentions
  const sites: { parent: Node; key: 'lhs' | 'rhs' | 'cond' | 'init' | number; list?: Node[] }[] = [];
  for (let j = i + 1; j < body.length; j++) {
    const t = body[j];
    if (!effects(t, deps)) { collect(t, e, sites); continue; }
    // a statement with effects: only what it evaluates before the first one, if that is pure
    const call = outerCall(t, deps);
    if (call) for (let k = 0; k < (call.args ?? []).length; k++) collectIn(call.args!, k, e, sites);
    else if (t.k === 'return' && t.lhs && !effects(t.lhs, deps)) collect(t, e, sites);
    else if (t.k === 'exprstmt' && (t.lhs?.k === 'assign' || t.lhs?.k === 'opassign') && !effects(t.lhs.rhs, deps) && !effects(t.lhs.lhs, deps)) {
      // `p->a[x] = v;`: the target's address and the value come first, then the store
      collect(t.lhs.lhs!, e, sites);
      if (same(t.lhs.rhs, e)) sites.push({ parent: t.lhs, key: 'rhs' }); else collect(t.lhs.rhs!, e, sites);
    }
    break;
  }
  if (!sites.length) return false;
  const tmp: Sym = { kind: 'local', name: '__cse', type: e.ty!, span: e.span, id: nextId++, used: true };
  const ref = (): Node => ({ k: 'var', sym: tmp, ty: tmp.type, span: e.span });
  for (const site of sites) {
    if (site.list) site.list[site.key as number] = ref();
    else (site.parent as unknown as Record<string, Node>)[site.key as string] = ref();
  }
  replaceIn(s, 'cond', e, ref);
  body.splice(i, 0, { k: 'decl', sym: tmp, init: e, span: e.span });
  return true;
}

/**
 * At `body[i]`, a statement whose whole expression is effect-free but for its final store to a
 * plain local (`T x = …;`, `x = …;`, `return …;`) and holds `L op C ? a : b` with `L` a pure load
 * mentioned again in `a`/`b` (`p < N ? tbl[p] : 0`): hoist `L` into a temporary before it, so the
 * value indexing is the one the comparison bounded. Nothing in the statement can change `L` in
 * between, so evaluating it first is the same value. True if done.
 */
function tryTernaryAt(body: Node[], i: number): boolean {
  const s = body[i];
  let x: Node | undefined;
  if (s.k === 'decl' && s.init && !s.img && !s.sym?.addrTaken) x = s.init;
  else if (s.k === 'return') x = s.lhs;
  else if (s.k === 'exprstmt' && s.lhs?.k === 'assign' && s.lhs.lhs?.k === 'var' && s.lhs.lhs.sym?.kind === 'local' && !s.lhs.lhs.sym.addrTaken) x = s.lhs.rhs;
  if (!x || effects(x, new Set())) return false;
  const t = findTernary(x, 0);
  if (!t) return false;
  const e = comparedLoad(t.cond!)!;
  const sites: Site[] = [];
  for (const key of ['then', 'els'] as const) {
    const c = t[key]!;
    if (same(c, e)) sites.push({ parent: t, key: key as 'lhs' });
    else collect(c, e, sites);
  }
  if (!sites.length) return false;
  const tmp: Sym = { kind: 'local', name: '__cse', type: e.ty!, span: e.span, id: nextId++, used: true };
  const ref = (): Node => ({ k: 'var', sym: tmp, ty: tmp.type, span: e.span });
  for (const site of sites) {
    if (site.list) site.list[site.key as number] = ref();
    else (site.parent as unknown as Record<string, Node>)[site.key as string] = ref();
  }
  replaceIn(t, 'cond', e, ref);
  body.splice(i, 0, { k: 'decl', sym: tmp, init: e, span: e.span });
  return true;
}

/** The first `cond ? a : b` in `n` whose condition compares a pure load with a constant. */
function findTernary(n: Node | undefined, depth: number): Node | undefined {
  if (!n || depth > 100) return undefined;
  if (n.k === 'cond' && n.cond && n.then && n.els && comparedLoad(n.cond)) return n;
  for (const c of [n.lhs, n.rhs, n.cond, n.then, n.els, ...(n.args ?? [])]) {
    const r = findTernary(c, depth + 1);
    if (r) return r;
  }
  return undefined;
}

function leaves(n: Node): boolean {
  if (n.k === 'block') return !!n.body?.length && leaves(n.body[n.body.length - 1]);
  return n.k === 'return' || n.k === 'break' || n.k === 'continue' || n.k === 'goto';
}

const unwrap = (n: Node): Node => (n.k === 'cast' ? unwrap(n.lhs!) : n);

/** `L op C` / `C op L` / `!L` where L is a pure load: L (the node as it appears). */
function comparedLoad(c: Node): Node | undefined {
  if (c.k !== 'cmp') return undefined;
  for (const [a, b] of [[c.lhs!, c.rhs!], [c.rhs!, c.lhs!]]) {
    const l = unwrap(a);
    if (unwrap(b).k === 'num' && pureLoad(l)) return l;
  }
  return undefined;
}

/** A member/deref chain rooted at a local (its value comes from memory). */
function pureLoad(n: Node): boolean {
  if (!n.ty || !isScalar(n.ty) || (n.ty.kind === 'int' && n.ty.bool)) return false;
  if (n.k !== 'member' && n.k !== 'deref') return false;
  let cur: Node | undefined = n;
  for (let d = 0; cur && d < 16; d++) {
    if (cur.k === 'var') return cur.sym?.kind === 'local' && !cur.sym.isVolatile;
    if (cur.k === 'member' || cur.k === 'deref' || cur.k === 'cast') { cur = cur.lhs; continue; }
    if (cur.k === 'ptradd' && unwrap(cur.rhs!).k === 'num') { cur = cur.lhs; continue; }
    return false;
  }
  return false;
}

function varsOf(n: Node | undefined, out: Set<number>): void {
  if (!n) return;
  if (n.k === 'var' && n.sym) out.add(n.sym.id);
  varsOf(n.lhs, out);
  varsOf(n.rhs, out);
}

function same(a: Node | undefined, b: Node | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.k !== b.k || a.op !== b.op) return false;
  switch (a.k) {
    case 'num': return a.val === b.val;
    case 'var': return a.sym === b.sym;
    case 'member': return a.member!.offset === b.member!.offset && a.member!.name === b.member!.name && a.member!.bitWidth === b.member!.bitWidth && same(a.lhs, b.lhs);
    case 'cast': return sameTy(a.ty!, b.ty!) && same(a.lhs, b.lhs);
    case 'deref': return sameTy(a.ty!, b.ty!) && same(a.lhs, b.lhs);
    case 'ptradd': return a.val === b.val && same(a.lhs, b.lhs) && same(a.rhs, b.rhs);
    default: return false;
  }
}

function sameTy(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'int' && b.kind === 'int') return a.size === b.size && a.signed === b.signed;
  return true;
}

/** Could evaluating `n` change memory or one of `deps`, or jump somewhere? */
function effects(n: Node | undefined, deps: Set<number>, depth = 0): boolean {
  if (!n) return false;
  if (depth > 200) return true;
  switch (n.k) {
    case 'call': case 'atomic': case 'memcpy': case 'memzero': case 'stmtexpr':
    case 'label': case 'goto': case 'return': case 'break': case 'continue': case 'loop': case 'switch': case 'case':
      return true;
    case 'assign': case 'opassign': case 'incdec': {
      const t = n.lhs!;
      if (t.k !== 'var' || t.sym?.kind !== 'local' || t.sym.addrTaken || deps.has(t.sym.id)) return true;
      break;
    }
    case 'decl':
      if (n.img || n.sym?.addrTaken) return true;
      break;
  }
  if (n.img) return true;
  for (const c of [n.lhs, n.rhs, n.cond, n.then, n.els, n.init, n.inc, ...(n.body ?? []), ...(n.args ?? [])]) {
    if (effects(c, deps, depth + 1)) return true;
  }
  return false;
}

/**
 * The call whose arguments are evaluated before any effect of statement `t`: `f(args);`,
 * `x = f(args);` or `T x = f(args);` with `x` a local outside `deps`, args effect-free.
 */
function outerCall(t: Node, deps: Set<number>): Node | undefined {
  let c: Node | undefined;
  if (t.k === 'exprstmt') {
    const x = unwrap(t.lhs!);
    if (x.k === 'call') c = x;
    else if (x.k === 'assign' && x.lhs?.k === 'var' && x.lhs.sym?.kind === 'local' && !x.lhs.sym.addrTaken && !deps.has(x.lhs.sym.id)) c = unwrap(x.rhs!);
  } else if (t.k === 'decl' && t.init && !t.img) c = unwrap(t.init);
  if (!c || c.k !== 'call') return undefined;
  return (c.args ?? []).some((a) => effects(a, deps)) ? undefined : c;
}

type Site = { parent: Node; key: 'lhs' | 'rhs' | 'cond' | 'init' | number; list?: Node[] };

function collect(n: Node, e: Node, sites: Site[], depth = 0): void {
  if (depth > 200) return;
  for (const key of ['lhs', 'rhs', 'cond', 'init'] as const) {
    const c = n[key];
    if (!c) continue;
    if (same(c, e)) sites.push({ parent: n, key });
    else collect(c, e, sites, depth + 1);
  }
  for (const list of [n.args, n.body]) {
    if (!list) continue;
    for (let k = 0; k < list.length; k++) collectIn(list, k, e, sites, depth + 1);
  }
}

function collectIn(list: Node[], k: number, e: Node, sites: Site[], depth = 0): void {
  if (same(list[k], e)) sites.push({ parent: list[k], key: k, list });
  else collect(list[k], e, sites, depth);
}

function replaceIn(n: Node, key: 'cond', e: Node, ref: () => Node): void {
  const sites: Site[] = [];
  const c = n[key]!;
  if (same(c, e)) { n[key] = ref(); return; }
  collect(c, e, sites);
  for (const site of sites) {
    if (site.list) site.list[site.key as number] = ref();
    else (site.parent as unknown as Record<string, Node>)[site.key as string] = ref();
  }
}
