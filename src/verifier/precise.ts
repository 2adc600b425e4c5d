/**
 * Precision tracking (mark_chain_precision / backtrack_insn / propagate_precision of 6.18): when a
 * scalar's exact range matters (pointer arithmetic, a branch decided by it, helper sizes, the
 * exit value, constant map keys), walk the current path backwards through the recorded
 * instruction history, following the value through moves, ALU sources and stack spills/fills,
 * and mark it `precise` in every checkpoint it passes. Pruning (prune.ts) then compares only
 * precise scalars by range; imprecise ones match any scalar.
 *
 * Soundness fallback: anything this module does not follow (bpf-to-bpf calls, several frames)
 * marks every scalar of the current state and all its checkpoints precise — fewer prunes, never
 * a wrong one.
 * Does not: print the kernel's `mark_precise:` level-2 lines.
 * Provenance: algorithm as described publicly (kernel docs, LWN "precision tracking"); own code.
 */
import { BPF_CLASS, BPF_OP, BPF_SRC, BPF_X, BPF_MOV, BPF_CALL, BPF_EXIT, BPF_JA } from '../isa/opcodes.ts';
import type { Env } from './env.ts';
import type { VState } from './types.ts';

/** One processed instruction of a path segment (since the previous checkpoint). */
export interface HistEntry {
  idx: number;
  /** Stack slot of the current frame written by a register spill / read by a fill, else -1. */
  spi: number;
  /** Registers linked (same scalar id) to a conditional jump's operands. */
  linked: number;
  /** Slots holding scalars linked to a conditional jump's operands. */
  linkedSlots: number[];
}

function markAllPrecise(st: VState | undefined): void {
  for (let s = st; s; s = s.parent) {
    for (const f of s.frames) {
      for (const r of f.regs) if (r.type === 'scalar') r.precise = true;
      for (const sl of f.stack) if (sl?.spilled && sl.spilled.type === 'scalar') sl.spilled.precise = true;
    }
  }
}

/**
 * Make register `regs` (bitmask) and stack slots `slots` of the current frame precise, as of the
 * moment before the last `skip` history entries of the current state.
 */
export function markPrecise(env: Env, regs: number, slots: number[] = [], skip = 0): void {
  if (!env.privileged) return; // __mark_chain_precision: every scalar is already precise without CAP_BPF
  const cur = env.cur;
  let rmask = regs;
  const smask = new Set(slots);
  const f = cur.frames[cur.curframe];
  // Only checkpoints are marked (as 6.18 does: the current state prints without `P`). A register
  // already precise had its history handled when it was marked (the flag travels only with the
  // value: moves, spills and fills copy it, every new value starts imprecise).
  for (let r = 0; r < 11; r++) {
    if (!(rmask & (1 << r))) continue;
    if (f.regs[r].type !== 'scalar' || f.regs[r].precise) rmask &= ~(1 << r);
  }
  for (const k of smask) {
    const sl = f.stack[k];
    if (sl?.spilled?.type !== 'scalar' || sl.spilled.precise) smask.delete(k);
  }
  if (!rmask && !smask.size) return;
  if (cur.curframe > 0) { markAllPrecise(cur); return; }
  let st: VState = cur;
  let hist = (cur.hist ?? []).slice(0, Math.max(0, (cur.hist ?? []).length - skip));
  for (;;) {
    for (let h = hist.length - 1; h >= 0; h--) {
      const e = hist[h];
      const ok = backtrack(env, e, (m) => { rmask = m; }, rmask, smask);
      if (!ok) { markAllPrecise(cur); return; }
      if (!rmask && !smask.size) return;
    }
    const p = st.parent;
    if (!p) return;
    if (p.frames.length > 1) { markAllPrecise(cur); return; }
    const pf = p.frames[0];
    for (let r = 0; r < 11; r++) {
      if (!(rmask & (1 << r))) continue;
      if (pf.regs[r].type === 'scalar' && !pf.regs[r].precise) pf.regs[r].precise = true; else rmask &= ~(1 << r);
    }
    for (const k of [...smask]) {
      const sl = pf.stack[k];
      if (sl?.spilled?.type === 'scalar' && sl.bytes[7] === 'r' && !sl.spilled.precise) sl.spilled.precise = true; else smask.delete(k);
    }
    if (!rmask && !smask.size) return;
    st = p;
    hist = p.hist ?? [];
  }
}

/** backtrack_insn: false = not followed (caller falls back to marking everything). */
function backtrack(env: Env, e: HistEntry, set: (m: number) => void, mask: number, slots: Set<number>): boolean {
  const insn = env.insns[e.idx];
  const cls = BPF_CLASS(insn.code);
  const bit = (r: number): number => 1 << r;
  let m = mask;
  const has = (r: number): boolean => (m & bit(r)) !== 0;
  if (cls === 0x04 || cls === 0x07) {
    const op = BPF_OP(insn.code);
    if (!has(insn.dst)) return true;
    if (op === BPF_MOV) {
      m &= ~bit(insn.dst);
      if (BPF_SRC(insn.code) === BPF_X) m |= bit(insn.src);
    } else if (BPF_SRC(insn.code) === BPF_X && op !== 0x80 && op !== 0xd0) {
      m |= bit(insn.src);
    }
    set(m);
    return true;
  }
  if (cls === 0x01) { // LDX
    if (!has(insn.dst)) return true;
    m &= ~bit(insn.dst);
    if (e.spi >= 0) slots.add(e.spi);
    set(m);
    return true;
  }
  if (cls === 0x03 || cls === 0x02) { // STX / ST
    if ((insn.code & 0xe0) === 0xc0) {
      // Atomics: a fetch writes its load register; treat the loaded value as fresh.
      const lr = insn.imm === 0xf1 ? 0 : insn.src;
      if (insn.imm & 1 && has(lr)) { m &= ~bit(lr); set(m); }
      return true;
    }
    if (e.spi >= 0 && slots.has(e.spi)) {
      slots.delete(e.spi);
      if (cls === 0x03) m |= bit(insn.src);
      set(m);
    }
    return true;
  }
  if (cls === 0x00) { // ld_imm64, LD_ABS/IND
    if (insn.code === 0x18) { if (has(insn.dst)) { m &= ~bit(insn.dst); set(m); } return true; }
    m &= ~0x3f;
    set(m);
    return true;
  }
  const op = BPF_OP(insn.code);
  if (op === BPF_CALL) {
    if (insn.src === 1) return false;
    m &= ~0x3f;
    set(m);
    return true;
  }
  if (op === BPF_EXIT) return false;
  if (op === BPF_JA) return true;
  // Conditional jump: both operands (and linked scalars) need precision if one does.
  const isX = BPF_SRC(insn.code) === BPF_X;
  let involved = bit(insn.dst) | (isX ? bit(insn.src) : 0) | e.linked;
  const slotHit = e.linkedSlots.some((k) => slots.has(k));
  if (!(m & involved) && !slotHit) return true;
  if (op === 0xe0) return false;
  m |= involved;
  for (const k of e.linkedSlots) slots.add(k);
  involved = 0;
  set(m);
  return true;
}

/** propagate_precision: a pruned path inherits the precision the covering state needed. */
export function propagatePrecision(env: Env, old: VState): void {
  if (old.frames.length > 1 || env.cur.frames.length > 1) { markAllPrecise(env.cur); return; }
  const of = old.frames[0];
  let regs = 0;
  for (let r = 0; r < 11; r++) if (of.regs[r].type === 'scalar' && of.regs[r].precise) regs |= 1 << r;
  const slots: number[] = [];
  of.stack.forEach((sl, k) => { if (sl?.spilled?.type === 'scalar' && sl.spilled.precise && sl.bytes[7] === 'r') slots.push(k); });
  markPrecise(env, regs, slots, 0);
}
