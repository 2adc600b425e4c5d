/**
 * A cheap liveness estimate for register locals: for each local of a function, the statement
 * number after which it is never read or written again, so its callee-saved register (R6–R9)
 * can be reused by later locals.
 *
 * Statements are numbered in pre-order; a use inside a loop that does not also contain the
 * local's declaration counts as a use at the loop's last statement (the value must survive the
 * back edge). A function containing `goto` labels gets no estimate (every local lives to the end).
 * Does not: per-instruction liveness, stack slot reuse, or anything flow-sensitive.
 */
import type { Node, Sym } from './ast.ts';

export interface Liveness {
  /** Pre-order number and last number inside, per statement node. */
  range: Map<Node, { seq: number; end: number }>;
  /** Per local symbol id: the last statement number using it. */
  lastUse: Map<number, number>;
  /**
   * Copies: a local initialised from another local, neither ever assigned again nor
   * address-taken, shares the original's storage (`eth = data` costs nothing). id → original id.
   */
  copies: Map<number, number>;
}

const STMT = new Set(['block', 'exprstmt', 'decl', 'if', 'loop', 'switch', 'case', 'break', 'continue', 'return', 'goto', 'label', 'empty']);

export function liveness(fn: Sym): Liveness {
  const range = new Map<Node, { seq: number; end: number }>();
  const lastUse = new Map<number, number>();
  const declLoops = new Map<number, Node[]>();
  let seq = 0;
  let hasLabels = false;
  const uses: { id: number; seq: number; loops: Node[] }[] = [];
  const modified = new Set<number>();
  const copyDecls: Node[] = [];
  // statements whose expressions hold a statement expression (`({ … })`): its inner statements
  // are numbered after the outer one, so the outer statement's uses count at its end
  const outerOfStmtExpr = new Set<number>();

  const expr = (e: Node | undefined, cur: number, loops: Node[]): void => {
    if (!e) return;
    if (e.k === 'var' && e.sym?.kind === 'local') uses.push({ id: e.sym.id, seq: cur, loops });
    if ((e.k === 'assign' || e.k === 'opassign' || e.k === 'incdec') && e.lhs?.k === 'var') modified.add(e.lhs.sym!.id);
    if (e.k === 'stmtexpr') { outerOfStmtExpr.add(cur); for (const s of e.body ?? []) stmt(s, loops); return; }
    expr(e.lhs, cur, loops); expr(e.rhs, cur, loops); expr(e.cond, cur, loops);
    expr(e.then, cur, loops); expr(e.els, cur, loops);
    for (const a of e.args ?? []) expr(a, cur, loops);
    if (e.k === 'decl') declare(e, loops);
  };
  const declare = (d: Node, loops: Node[]): void => {
    declLoops.set(d.sym!.id, loops);
    if (d.img) {
      for (const w of d.img.stores) expr(w.expr, seq, loops);
      if (d.img.whole) expr(d.img.whole, seq, loops);
    }
  };
  const stmt = (n: Node | undefined, loops: Node[]): void => {
    if (!n) return;
    if (!STMT.has(n.k)) { expr(n, seq, loops); return; }
    const me = seq++;
    const inner = n.k === 'loop' ? [...loops, n] : loops;
    if (n.k === 'label') hasLabels = true;
    if (n.k === 'decl') {
      declare(n, loops);
      uses.push({ id: n.sym!.id, seq: me, loops });
      expr(n.init, me, loops);
      if (n.init?.k === 'var' && n.init.sym?.kind === 'local') copyDecls.push(n);
    }
    if (n.k === 'loop') { stmt(n.init, loops); expr(n.cond, me, inner); }
    else expr(n.cond, me, loops);
    expr(n.lhs, me, loops);
    stmt(n.then, inner);
    stmt(n.els, loops);
    if (n.k === 'loop') { stmt(n.inc, inner); }
    for (const s of n.body ?? []) stmt(s, inner);
    // A loop ends after its condition and increment: give it a number no inner statement has.
    range.set(n, { seq: me, end: n.k === 'loop' ? seq++ : seq - 1 });
  };
  for (const p of fn.params ?? []) declLoops.set(p.id, []);
  stmt(fn.body, []);
  const endOf = new Map<number, number>();
  for (const r of range.values()) endOf.set(r.seq, r.end);
  for (const u of uses) {
    let at = outerOfStmtExpr.has(u.seq) ? Math.max(u.seq, endOf.get(u.seq) ?? u.seq) : u.seq;
    const dl = declLoops.get(u.id) ?? [];
    for (const l of u.loops) if (!dl.includes(l)) at = Math.max(at, range.get(l)?.end ?? at);
    lastUse.set(u.id, Math.max(lastUse.get(u.id) ?? -1, at));
  }
  const copies = new Map<number, number>();
  const plain = (x: Sym): boolean => !x.addrTaken && !modified.has(x.id) && (x.type.kind === 'ptr' || x.type.kind === 'int');
  for (const d of copyDecls) {
    const from = d.init!.sym!;
    const to = d.sym!;
    if (!plain(from) || !plain(to)) continue;
    const ok = to.type.kind === 'ptr' ? from.type.kind === 'ptr'
      : from.type.kind === 'int' && to.type.kind === 'int' && from.type.size === to.type.size && from.type.signed === to.type.signed;
    if (!ok) continue;
    const root = copies.get(from.id) ?? from.id;
    copies.set(to.id, root);
    lastUse.set(root, Math.max(lastUse.get(root) ?? -1, lastUse.get(to.id) ?? -1));
  }
  if (hasLabels) for (const k of lastUse.keys()) lastUse.set(k, Infinity);
  return { range, lastUse, copies };
}
