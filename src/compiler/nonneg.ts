/**
 * Which local variables only ever hold non-negative values, flow-insensitively: a local whose
 * every assignment stores a non-negative value (and whose address never escapes) is non-negative
 * wherever it is read. clang-19 has no signed division on its default CPU and reports one only
 * when LLVM cannot prove both operands non-negative (then `sdiv` becomes `udiv`): `int i` counting
 * up from 0 in a loop, or `int y = (u16)q`, divide fine. This is the part of that proof that
 * crosses variables; `nonNeg` in cgExpr.ts does the expressions.
 *
 * Sound under C's rules LLVM relies on too: signed `+`/`*` do not overflow, so `i++`, `i += k`,
 * `i *= k` keep a non-negative `i` non-negative; `-`, `--`, `-=`, `<<=` and stores through pointers
 * make a variable unknown. Not here: parameters (inlined or not) and globals — unknown.
 * Own code.
 */
import type { Node, Sym } from './ast.ts';

/** Per local: the values stored into it, or null when something makes it unknown. */
const defs = new WeakMap<Sym, Node[] | null>();

function note(sym: Sym | undefined, v: Node | null): void {
  if (!sym) return;
  const cur = defs.get(sym);
  if (cur === null) return;
  if (v === null) { defs.set(sym, null); return; }
  if (cur) cur.push(v); else defs.set(sym, [v]);
}

const KEEPS = new Set(['+', '*', '|', '^', '/', '%', '&', '>>']);

/** Record the stores of one function body (call once per function before its code is generated). */
export function scanDefs(body: Node | undefined, params: readonly Sym[] = []): void {
  for (const p of params) defs.set(p, null); // a parameter's value comes from the caller
  const seen = new Set<Node>();
  const walk = (n: Node | undefined): void => {
    if (!n || seen.has(n)) return;
    seen.add(n);
    const target = n.lhs?.k === 'var' && n.lhs.sym?.kind === 'local' ? n.lhs.sym : undefined;
    switch (n.k) {
      case 'decl': if (n.sym?.kind === 'local') { if (n.init) note(n.sym, n.init); else if (n.img) note(n.sym, null); } break;
      case 'assign': if (target) note(target, n.rhs!); break;
      case 'opassign':
        // `i op= v`: the new value is `i op v`; it stays non-negative when `i` was and `v` is
        if (target) note(target, KEEPS.has(n.op!) ? n.rhs! : null);
        break;
      case 'incdec': if (target) note(target, n.op === '+' ? { k: 'num', val: 0n, ty: n.lhs!.ty, span: n.span } : null); break;
      case 'addr': if (n.lhs?.k === 'var' && n.lhs.sym) note(n.lhs.sym, null); break;
      case 'memcpy': if (n.lhs?.k === 'addr' && n.lhs.lhs?.k === 'var') note(n.lhs.lhs.sym, null); break;
      default: break;
    }
    walk(n.lhs); walk(n.rhs); walk(n.cond); walk(n.then); walk(n.els); walk(n.init); walk(n.inc);
    for (const b of n.body ?? []) walk(b);
    for (const a of n.args ?? []) walk(a);
    for (const c of n.cases ?? []) walk(c);
  };
  walk(body);
}

const busy = new Set<Sym>();

/**
 * True when the local `sym` is only ever assigned values `valueNonNeg` accepts. A cycle (`i = i + 1`)
 * is assumed non-negative while it is being checked: each kept operation maps non-negative inputs
 * to a non-negative result, so the induction holds from the other (base) stores.
 */
export function localNonNeg(sym: Sym | undefined, valueNonNeg: (n: Node) => boolean): boolean {
  if (!sym || sym.kind !== 'local' || sym.addrTaken) return false;
  const d = defs.get(sym);
  if (!d || d.length === 0) return false;
  if (busy.has(sym)) return true;
  busy.add(sym);
  try {
    return d.every(valueNonNeg);
  } finally {
    busy.delete(sym);
  }
}
