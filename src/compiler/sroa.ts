/**
 * Scalar replacement of small struct locals whose address only reaches always-inlined helpers —
 * xdp-tutorial's `struct hdr_cursor nh; nh.pos = data; parse_ethhdr(&nh, …)`, where the helper
 * only reads and writes `nh->pos`. clang (SROA after inlining) keeps such fields in registers; we
 * used to keep the struct on the stack and load/store it around every access.
 *
 * A local `S` of struct type is split when: it is not volatile, has no initialiser, every member
 * is a scalar (no bit-fields, arrays, nested aggregates, and no two members overlap), and every
 * mention of `S` is `S.f` (not under `&`) or `&S` passed straight to a function that is inlined
 * (defined here, not `__noinline`) whose parameter is "field-only" there: mentioned only as
 * `p->f` (not under `&`) or passed on, likewise, to another inlined function. Each member then
 * becomes its own scalar local (a register when one is free); code generation maps `S.f` and,
 * within an inline expansion that received `&S`, `p->f` onto it (cgMem.ts lvalue, cgCall.ts).
 * Does not: split structs used any other way (passed to helpers, copied, `&S.f`, stored into
 * memory), unions, or anything across a real (bpf-to-bpf) call. Own code.
 */
import type { Node, Sym } from './ast.ts';
import type { Unit } from './pstate.ts';
import { isScalar, sizeOf, type Member, type Type } from './types.ts';

let nextId = 2_000_000_000;

/** Split struct locals: member offset → the scalar local standing for it. */
const split = new WeakMap<Sym, Map<number, Sym>>();
/** Per function: indices of its field-only parameters (memo; `null` while being computed). */
const fieldOnlyMemo = new WeakMap<Sym, Map<number, boolean | null>>();

export function sroaFields(s: Sym | undefined): Map<number, Sym> | undefined {
  return s ? split.get(s) : undefined;
}

const SKIP = new Set(['sym', 'ty', 'callee', 'member', 'span', 'coreRel', 'coreIdx', 'bytes']);

/** Visit every node reachable from `n` (any property holding nodes) with its ancestors (nearest last). */
function visit(n: unknown, anc: Node[], f: (n: Node, anc: Node[]) => void, depth = 0): void {
  if (!n || typeof n !== 'object') return;
  if (depth > 400) throw new TooDeep();
  if (Array.isArray(n)) { for (const x of n) visit(x, anc, f, depth + 1); return; }
  const isNode = typeof (n as Node).k === 'string';
  if (isNode) f(n as Node, anc);
  const next = isNode ? [...anc.slice(-3), n as Node] : anc;
  for (const [key, v] of Object.entries(n)) {
    if (SKIP.has(key) || !v || typeof v !== 'object') continue;
    visit(v, next, f, depth + 1);
  }
}

/** A struct (not union, not CO-RE) of at most 4 non-overlapping scalar members: its members. */
function splittable(t: Type): Member[] | undefined {
  if (t.kind !== 'struct' || t.union || !t.complete || t.core || !t.members.length || t.members.length > 4) return undefined;
  let end = 0;
  for (const m of [...t.members].sort((a, b) => a.offset - b.offset)) {
    if (!m.name || m.bitWidth !== undefined || !isScalar(m.type) || m.offset < end) return undefined;
    end = m.offset + sizeOf(m.type);
  }
  return t.members;
}

const inlined = (c: Sym | undefined): c is Sym => !!c && c.kind === 'func' && !!c.body && !c.noinline;

class TooDeep extends Error {}

/** Is `ok(n, ancestors)` true for every mention (a `var` node) of `s` in `body`? (No when too deep to tell.) */
function everyMention(body: Node | undefined, s: Sym, ok: (n: Node, anc: Node[]) => boolean): boolean {
  let good = true;
  try {
    visit(body, [], (n, anc) => { if (good && n.k === 'var' && n.sym === s && !ok(n, anc)) good = false; });
  } catch (e) {
    if (e instanceof TooDeep) return false;
    throw e;
  }
  return good;
}

const up = (anc: Node[], k: number): Node | undefined => anc[anc.length - k];

/** `n` is an argument of a call of an inlined function whose parameter there is field-only. */
function passedOn(n: Node, parent: Node | undefined): boolean {
  if (parent?.k !== 'call' || !inlined(parent.callee)) return false;
  const j = (parent.args ?? []).indexOf(n);
  return j >= 0 && fieldOnly(parent.callee, j);
}

/** Parameter `i` of `fn` is mentioned only as `p->f` (not under `&`) or passed on to a field-only parameter. */
export function fieldOnly(fn: Sym, i: number): boolean {
  let memo = fieldOnlyMemo.get(fn);
  if (!memo) { memo = new Map(); fieldOnlyMemo.set(fn, memo); }
  const known = memo.get(i);
  if (known !== undefined) return known ?? false; // null: being computed (a cycle): not field-only
  memo.set(i, null);
  const p = fn.params?.[i];
  const to = p?.type.kind === 'ptr' ? p.type.to : undefined;
  let res = !!p && !p.addrTaken && !p.isVolatile && !!to && !!splittable(to) && !!fn.body;
  if (res) {
    res = everyMention(fn.body, p!, (n, anc) => {
      const d = up(anc, 1), m = up(anc, 2);
      if (d?.k === 'deref' && d.lhs === n) return m?.k === 'member' && m.lhs === d && up(anc, 3)?.k !== 'addr';
      return passedOn(n, d);
    });
  }
  memo.set(i, res);
  return res;
}

/** Decide which struct locals of the unit's functions are split (after inlineTrivialCalls). */
export function planSroa(unit: Unit): void {
  for (const fn of unit.funcs) {
    if (!fn.body) continue;
    // every local declared in this body, and how it is declared
    const decls = new Map<Sym, Node>();
    try {
      visit(fn.body, [], (n) => { if (n.k === 'decl' && n.sym?.kind === 'local') decls.set(n.sym, n); });
    } catch (e) {
      if (e instanceof TooDeep) continue;
      throw e;
    }
    for (const [s, d] of decls) {
      if (s.isVolatile || d.init || d.img || split.has(s)) continue;
      const ms = splittable(s.type);
      if (!ms) continue;
      const ok = everyMention(fn.body, s, (n, anc) => {
        const parent = up(anc, 1);
        if (parent?.k === 'member' && parent.lhs === n) return up(anc, 2)?.k !== 'addr';
        if (parent?.k === 'addr' && parent.lhs === n) return passedOn(parent, up(anc, 2));
        return false;
      });
      if (!ok) continue;
      const fields = new Map<number, Sym>();
      for (const m of ms) fields.set(m.offset, { kind: 'local', name: `${s.name}.${m.name}`, type: m.type, span: s.span, id: nextId++, used: true });
      split.set(s, fields);
    }
  }
}
