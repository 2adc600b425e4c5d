/**
 * Code generation for statements: blocks, declarations with initialisers, if/loops/switch,
 * break/continue/goto/labels and return (an `exit` in the program, a jump to the end of the
 * expansion in an inlined function).
 *
 * Conditions with a constant value are folded (`if (0)` emits nothing, `while (1)` has no test);
 * loops are laid out test-first (`for`, `while`) or test-last (`do`), bounded loops being left to
 * the verifier as with clang without unrolling.
 * Does not: unroll loops (`#pragma unroll` is accepted and ignored), jump tables for switch.
 */
import type { Node } from './ast.ts';
import { sroaFields } from './sroa.ts';
import * as O from '../isa/opcodes.ts';
import { CDiag } from './diagCodes.ts';
import {
  allocLocal, branch, copy, genEffect, gen, genTo, addrOf, operand, release, type CG,
} from './cgExpr.ts';
import { genInline } from './cgCall.ts';
import { substitute, unrollPlan } from './unroll.ts';
import { isScalar, sizeOf, alignOf, T } from './types.ts';
import { guardSpan, withFact } from './guards.ts';

export function genStmt(g: CG, n: Node): void {
  const saved = g.span;
  g.span = n.span;
  try {
    stmt(g, n);
  } finally {
    g.span = saved;
  }
}

function userLabel(g: CG, name: string): string {
  const f = g.inline[g.inline.length - 1];
  return (f ? f.prefix : 'user.') + name;
}

function stmt(g: CG, n: Node): void {
  switch (n.k) {
    case 'empty': return;
    case 'block': {
      const before = new Set(g.freeSaved);
      const stackBefore = g.stackSize;
      const spillsBefore = g.spillSlots.size;
      // a guard (`if (x < 0) return …;`) makes x non-negative for the rest of the block (guards.ts)
      const body = n.body ?? [];
      const rest = (from: number, to: number): void => {
        for (let i = from; i < to; i++) {
          genStmt(g, body[i]);
          expire(g, body[i]);
          const v = guardSpan(body, i);
          if (v) {
            const end = Math.min(v.end, to);
            withFact(v.sym, () => rest(i + 1, end));
            i = end - 1;
          }
        }
      };
      rest(0, body.length);
      // Registers of locals declared in this block become free again.
      for (const r of [6, 7, 8, 9]) if (before.has(r) && !g.freeSaved.has(r)) g.freeSavedReg(r);
      // Slots of the block's locals are dead: reuse them (not across a new spill slot).
      if (g.spillSlots.size === spillsBefore) g.stackSize = stackBefore;
      return;
    }
    case 'exprstmt': genEffect(g, n.lhs!); return;
    case 'decl': return decl(g, n);
    case 'if': {
      const c = n.cond!;
      if (c.k === 'num') {
        if (c.val !== 0n) genStmt(g, n.then!);
        else if (n.els) genStmt(g, n.els);
        return;
      }
      const t = n.then!.k === 'block' && n.then!.body?.length === 1 ? n.then!.body[0] : n.then!;
      if (!n.els && g.inline.every((f) => f.tail) && t.k === 'return' && t.lhs?.k === 'num') {
        g.span = t.span;
        branch(g, c, sharedRet(g, t.lhs.val!), true);
        return;
      }
      const els = g.newLabel('else');
      branch(g, c, els, false);
      genStmt(g, n.then!);
      if (n.els) {
        const end = g.newLabel('endif');
        g.ja(end);
        g.place(els);
        genStmt(g, n.els);
        g.place(end);
      } else g.place(els);
      return;
    }
    case 'loop': {
      const head = g.newLabel('loop');
      const cont = g.newLabel('cont');
      const end = g.newLabel('endloop');
      const before = new Set(g.freeSaved);
      // The init's declarations live as long as the loop (not just their own block).
      const plan = unrollPlan(n);
      if (!plan && n.init?.k === 'block') for (const s of n.init.body ?? []) genStmt(g, s);
      else if (!plan && n.init) genStmt(g, n.init);
      if (plan) {
        // Straight-line copies of the body with the counter as a constant (see unroll.ts).
        for (const v of plan.values) {
          const next = g.newLabel('cont');
          g.loops.push({ brk: end, cont: next });
          try { genStmt(g, substitute(n.then!, plan.id, v, plan.ty)); } finally { g.loops.pop(); }
          g.place(next);
        }
        g.place(end);
        release2(g, before);
        return;
      }
      const c = n.cond;
      const always = !c || (c.k === 'num' && c.val !== 0n);
      const never = c?.k === 'num' && c.val === 0n;
      if (never && !n.doWhile) { release2(g, before); return; }
      g.place(head);
      if (!n.doWhile && !always) branch(g, c!, end, false);
      g.loops.push({ brk: end, cont });
      try { genStmt(g, n.then!); } finally { g.loops.pop(); }
      g.place(cont);
      if (n.inc) genStmt(g, n.inc);
      if (n.doWhile) {
        if (always) g.ja(head);
        else if (!never) branch(g, c!, head, true);
      } else g.ja(head);
      g.place(end);
      release2(g, before);
      return;
    }
    case 'switch': {
      const end = g.newLabel('endsw');
      const v = operand(g, n.cond!);
      let dflt: string | undefined;
      const labels = new Map<Node, string>();
      for (const c of n.cases ?? []) {
        const l = g.newLabel('case');
        labels.set(c, l);
        if (c.val === undefined) { dflt = l; continue; }
        if (c.hi !== undefined) {
          // lo ... hi: (v - lo) <= (hi - lo), unsigned, as clang lowers a range
          const span = BigInt.asUintN(64, c.hi - c.val);
          const t = g.alloc();
          g.mov(t, v.reg);
          const lo = BigInt.asIntN(64, -c.val);
          if (lo >= -0x80000000n && lo <= 0x7fffffffn) g.alu(O.BPF_ADD, t, { imm: Number(lo) });
          else { const k = g.alloc(); g.movImm(k, c.val); g.alu(O.BPF_SUB, t, k); g.free(k); }
          if (span <= 0x7fffffffn) g.jmp(O.BPF_JLE, t, { imm: Number(span) }, l);
          else { const k = g.alloc(); g.movImm(k, span); g.jmp(O.BPF_JLE, t, k, l); g.free(k); }
          g.free(t);
          continue;
        }
        const val = BigInt.asIntN(64, c.val);
        if (val >= -0x80000000n && val <= 0x7fffffffn) g.jmp(O.BPF_JEQ, v.reg, { imm: Number(val) }, l);
        else {
          const t = g.alloc();
          g.movImm(t, c.val);
          g.jmp(O.BPF_JEQ, v.reg, t, l);
          g.free(t);
        }
      }
      release(g, v);
      g.ja(dflt ?? end);
      g.loops.push({ brk: end });
      let all = caseLabels.get(g);
      if (!all) { all = new Map(); caseLabels.set(g, all); }
      for (const [c, l] of labels) all.set(c, l); // nested switches keep their own entries
      try { genStmt(g, n.then!); } finally { g.loops.pop(); }
      g.place(end);
      return;
    }
    case 'case': {
      const l = caseLabels.get(g)?.get(n);
      if (l) g.place(l);
      genStmt(g, n.then!);
      return;
    }
    case 'break': case 'continue': {
      const loops = g.loops;
      for (let i = loops.length - 1; i >= 0; i--) {
        const t = n.k === 'break' ? loops[i].brk : loops[i].cont;
        if (t) { g.ja(t); return; }
      }
      g.error(`'${n.k}' statement not in loop statement`, n.span, CDiag.Syntax);
      return;
    }
    case 'goto': g.ja(userLabel(g, n.label!)); return;
    case 'label': {
      const l = userLabel(g, n.label!);
      g.sticky.add(l);
      g.place(l);
      genStmt(g, n.then!);
      return;
    }
    case 'return': {
      const f = g.inline[g.inline.length - 1];
      if (f && !f.tail) {
        if (n.lhs && f.ret && f.retAgg && 'off' in f.ret) {
          const src = addrOf(g, n.lhs);
          copy(g, { kind: 'mem', base: 10, off: f.ret.off, own: false, ty: T.char }, { kind: 'mem', base: src, off: 0, own: true, ty: T.char }, f.retAgg.size, f.retAgg.align);
          g.free(src);
        } else if (n.lhs && f.ret) {
          const st = f.ret;
          if ('reg' in st && n.lhs.k === 'num') g.movImm(st.reg, n.lhs.val!);
          else if ('reg' in st) {
            const v = operand(g, n.lhs);
            g.mov(st.reg, v.reg);
            release(g, v);
          } else {
            const r = gen(g, n.lhs);
            g.stx(8, 10, st.off, r);
            g.free(r);
          }
        } else if (n.lhs) genEffect(g, n.lhs);
        g.ja(f.retLabel);
        return;
      }
      if (n.lhs?.k === 'num') { g.ja(sharedRet(g, n.lhs.val!)); return; }
      if (n.lhs?.k === 'call' && n.lhs.callee) {
        genInline(g, n.lhs, undefined, false, true);
        if (!g.dead) g.exit(); // a callee falling off its end
        return;
      }
      if (n.lhs && n.lhs.ty?.kind !== 'void') {
        const r = gen(g, n.lhs, 0);
        g.mov(0, r);
        g.free(r);
      } else {
        if (n.lhs) genEffect(g, n.lhs);
        g.movImm(0, 0n);
      }
      g.exit();
      return;
    }
  }
  g.error(`cannot generate code for statement '${n.k}'`, n.span, CDiag.Codegen);
}

const caseLabels = new WeakMap<CG, Map<Node, string>>();

/** After statement `s`: free the registers of locals never used again (see live.ts). */
function expire(g: CG, s: Node): void {
  const live = g.live[g.live.length - 1];
  const r = live?.range.get(s);
  if (!live || !r) return;
  for (const [id, st] of g.storage) {
    if (!('reg' in st)) continue;
    const last = live.lastUse.get(id);
    if (last !== undefined && last <= r.end) {
      if (!g.aliased.has(id)) g.freeSavedReg(st.reg);
      g.storage.delete(id);
    }
  }
}

/** The label of the program's shared `r0 = v; exit` block. */
function sharedRet(g: CG, v: bigint): string {
  let r = g.sharedRets.get(v);
  if (!r) { r = { label: g.newLabel('ret'), span: g.span }; g.sharedRets.set(v, r); }
  return r.label;
}

/** Emit the shared return blocks that some jump uses (at the end of the program). */
export function emitSharedRets(g: CG): void {
  for (const [v, { label: l, span }] of g.sharedRets) {
    if (!(g.refs.get(l) ?? 0)) continue;
    g.dead = true;
    g.span = span;
    g.place(l);
    g.movImm(0, v);
    g.exit();
  }
}

function release2(g: CG, before: Set<number>): void {
  for (const r of [6, 7, 8, 9]) if (before.has(r) && !g.freeSaved.has(r)) g.freeSavedReg(r);
}

function decl(g: CG, n: Node): void {
  const s = n.sym!;
  const fields = sroaFields(s);
  if (fields) { for (const f of fields.values()) allocLocal(g, f); return; } // split struct (sroa.ts)
  if (!s.used && !n.init && !n.img) return; // never mentioned: no storage (clang drops it too)
  const root = g.live[g.live.length - 1]?.copies.get(s.id);
  const shared = root !== undefined ? g.storage.get(root) : undefined;
  if (shared) {
    g.storage.set(s.id, shared);
    g.aliased.add(s.id);
    return;
  }
  const st = allocLocal(g, s);
  if (n.init) {
    if ('reg' in st) genTo(g, n.init, st.reg);
    else {
      const c = n.init.k === 'num' ? BigInt.asIntN(64, n.init.val!) : undefined;
      if (c !== undefined && c >= -0x80000000n && c <= 0x7fffffffn) {
        g.st(isScalar(s.type) && !s.addrTaken ? 8 : sizeOf(s.type), 10, st.off, Number(c));
        return;
      }
      const r = gen(g, n.init);
      g.stx(isScalar(s.type) && !s.addrTaken ? 8 : sizeOf(s.type), 10, st.off, r);
      g.free(r);
    }
    return;
  }
  const img = n.img;
  if (!img || !('off' in st)) return;
  if (img.whole) {
    const src = addrOf(g, img.whole);
    copy(g, { kind: 'mem', base: 10, off: st.off, own: false, ty: T.char }, { kind: 'mem', base: src, off: 0, own: true, ty: T.char }, sizeOf(s.type), alignOf(s.type));
    g.free(src);
    return;
  }
  // Constant image, in the widest stores the alignment allows.
  const bytes = img.bytes;
  for (let i = 0; i < bytes.length;) {
    const off = st.off + i;
    let k = 8;
    while (k > 1 && (off % k !== 0 || i + k > bytes.length)) k >>= 1;
    let v = 0n;
    for (let j = k - 1; j >= 0; j--) v = (v << 8n) | BigInt(bytes[i + j]);
    const sv = k === 8 ? BigInt.asIntN(64, v) : BigInt.asIntN(k * 8, v);
    if (k === 8 && (sv < -0x80000000n || sv > 0x7fffffffn)) {
      const t = g.alloc();
      g.movImm(t, v);
      g.stx(8, 10, off, t);
      g.free(t);
    } else g.st(k, 10, off, Number(k === 4 ? BigInt.asIntN(32, v) : sv));
    i += k;
  }
  for (const w of img.stores) {
    if (w.type.kind === 'struct' || w.type.kind === 'array') {
      const src = addrOf(g, w.expr);
      copy(g, { kind: 'mem', base: 10, off: st.off + w.offset, own: false, ty: T.char }, { kind: 'mem', base: src, off: 0, own: true, ty: T.char }, sizeOf(w.type), alignOf(w.type));
      g.free(src);
      continue;
    }
    const r = gen(g, w.expr);
    g.stx(sizeOf(w.type), 10, st.off + w.offset, r);
    g.free(r);
  }
}
