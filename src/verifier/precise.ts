/**
 * Precision tracking (mark_chain_precision / backtrack_insn / propagate_precision of 6.18): when a
 * scalar's exact range matters (pointer arithmetic, a branch decided by it, helper sizes, the
 * exit value, constant map keys), walk the current path backwards through the recorded
 * instruction history, following the value through moves, ALU sources and stack spills/fills,
 * and mark it `precise` in every checkpoint it passes. Pruning (prune.ts) then compares only
 * precise scalars by range; imprecise ones match any scalar.
 *
 * Frames: masks are kept per frame; the walk follows a subprogram's R0 back into its body and
 * its R1-R5 out to the caller, drops a callback's R1-R5 (the helper sets them) and a caller's
 * R1-R5 at a callback's return (as backtrack_insn does), and follows spills/fills through
 * pointers to a caller's stack (HistEntry.sfr).
 * Soundness fallback: anything this module does not follow (a stack slot or non-argument
 * register of a callee wanted past its entry, odd frame changes) marks every scalar of the
 * current state and all its checkpoints precise — fewer prunes, never a wrong one.
 * Level 2 log: the kernel's `mark_precise: frame0: last_idx / regs=.. stack=.. before N: insn /
 * parent state ...` lines and `frame 0: propagating r2` (line formats from 6.18 logs), for walks
 * that stay in one frame. Does not: print them for walks that cross bpf-to-bpf calls or
 * callbacks, nor the fallback's line.
 * Provenance: algorithm as described publicly (kernel docs, LWN "precision tracking"); own code.
 */
import { BPF_CLASS, BPF_OP, BPF_SRC, BPF_X, BPF_MOV, BPF_CALL, BPF_EXIT, BPF_JA } from '../isa/opcodes.ts';
import type { Env } from './env.ts';
import { insnText } from './check.ts';
import { formatState } from './format.ts';
import type { VState } from './types.ts';

/** One processed instruction of a path segment (since the previous checkpoint). */
export interface HistEntry {
  idx: number;
  /** Stack slot written by a register spill / read by a fill, else -1. */
  spi: number;
  /** The frame whose stack `spi` is in (a pointer to a caller's stack reaches it); the entry's frame when absent. */
  sfr?: number;
  /** The frame the instruction ran in. */
  frame?: number;
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

/** Per-frame backtracking masks: registers (bitmask) and stack slots of each frame. */
interface Masks {
  regs: number[];
  slots: Set<number>[];
}

function empty(m: Masks, fr: number): boolean {
  return !m.regs[fr] && !m.slots[fr].size;
}

function allEmpty(m: Masks): boolean {
  for (let fr = 0; fr < m.regs.length; fr++) if (!empty(m, fr)) return false;
  return true;
}

/**
 * Make register `regs` (bitmask) and stack slots `slots` of the current frame precise, as of the
 * moment before the last `skip` history entries of the current state.
 */
export function markPrecise(env: Env, regs: number, slots: number[] = [], skip = 0): void {
  const cur = env.cur;
  const n = cur.frames.length;
  const m: Masks = { regs: new Array<number>(n).fill(0), slots: Array.from({ length: n }, () => new Set<number>()) };
  m.regs[cur.curframe] = regs;
  for (const k of slots) m.slots[cur.curframe].add(k);
  markPreciseMasks(env, m, skip);
}

function markPreciseMasks(env: Env, m: Masks, skip: number): void {
  if (!env.privileged) return; // __mark_chain_precision: every scalar is already precise without CAP_BPF
  const cur = env.cur;
  // Only checkpoints are marked (as 6.18 does: the current state prints without `P`). A register
  // already precise had its history handled when it was marked (the flag travels only with the
  // value: moves, spills and fills copy it, every new value starts imprecise).
  for (let fr = 0; fr < m.regs.length; fr++) {
    const f = cur.frames[fr];
    for (let r = 0; r < 11; r++) {
      if (!(m.regs[fr] & (1 << r))) continue;
      if (f.regs[r].type !== 'scalar' || f.regs[r].precise) m.regs[fr] &= ~(1 << r);
    }
    for (const k of m.slots[fr]) {
      const sl = f.stack[k];
      if (sl?.spilled?.type !== 'scalar' || sl.spilled.precise) m.slots[fr].delete(k);
    }
  }
  if (allEmpty(m)) return;
  const say = precisionLog(env);
  // The frame the walk is in: entries of other frames are calls into / returns from subprograms
  // and callbacks. Crossing one with registers of the frame being left still wanted is not
  // followed (the fallback marks everything).
  let top = cur.curframe;
  let st: VState = cur;
  const full = cur.hist ?? [];
  let hist = full.slice(0, Math.max(0, full.length - skip));
  // subseq_idx: the instruction processed right after the one being backtracked (at first: the
  // insn being checked, which the kernel's walk skips)
  let subseq = skip > 0 && full.length >= skip ? full[full.length - skip].idx : env.insnIdx;
  // the log's view (level 2): last/first insn of the state being walked, the insn after it
  let lastIdx = env.insnIdx;
  let firstIdx = full.length ? full[0].idx : env.insnIdx;
  let subseqSaid = -1;
  for (;;) {
    say?.(`mark_precise: frame${top}: last_idx ${lastIdx} first_idx ${firstIdx} subseq_idx ${subseqSaid} \n`);
    for (let h = hist.length - 1; h >= 0; h--) {
      const e = hist[h];
      say?.(`mark_precise: frame${top}: regs=${fmtRegs(m.regs[top])} stack=${fmtSlots(m.slots[top])} before ${e.idx}: ${insnText(env, e.idx)}\n`);
      const ef = e.frame ?? 0;
      let skipInsn = false;
      if (ef !== top) {
        if (ef === top + 1 && BPF_OP(env.insns[e.idx].code) === BPF_EXIT) {
          // back into a callee's body from its exit. After a callback, R1-R5 were set by the
          // helper calling it (not followed into the callback); R0 of a subprogram is its R0.
          if (subseq >= 0 && env.aux[subseq]?.callsCallback) m.regs[top] &= ~0x3e;
          if (m.regs[top] & 0x3e) { markAllPrecise(cur); return; }
          while (m.regs.length <= ef) { m.regs.push(0); m.slots.push(new Set()); }
          if (!empty(m, ef)) { markAllPrecise(cur); return; }
          if (m.regs[top] & 1) { m.regs[top] &= ~1; m.regs[ef] |= 1; }
        } else if (ef === top - 1 && BPF_OP(env.insns[e.idx].code) === BPF_CALL) {
          // back past a callee's entry: a subprogram's R1-R5 are the caller's arguments; a
          // callback's are set by the helper (dropped), and the helper call is not backtracked
          for (let fr = top + 1; fr < m.regs.length; fr++) if (!empty(m, fr)) { markAllPrecise(cur); return; }
          const args = m.regs[top] & 0x3e;
          if ((m.regs[top] & ~0x3e) || m.slots[top].size) { markAllPrecise(cur); return; }
          m.regs[top] = 0;
          if (env.insns[e.idx].src === 1) m.regs[ef] |= args;
          else skipInsn = true;
        } else { markAllPrecise(cur); return; }
        top = ef;
      }
      const ok = skipInsn || backtrack(env, e, m, top);
      subseq = e.idx;
      if (!ok) { markAllPrecise(cur); return; }
      if (allEmpty(m)) return;
    }
    const p = st.parent;
    if (!p) return;
    if (p.curframe !== top) { markAllPrecise(cur); return; }
    for (let fr = p.frames.length; fr < m.regs.length; fr++) if (!empty(m, fr)) { markAllPrecise(cur); return; }
    for (let fr = 0; fr < p.frames.length && fr < m.regs.length; fr++) {
      const pf = p.frames[fr];
      for (let r = 0; r < 11; r++) {
        if (!(m.regs[fr] & (1 << r))) continue;
        if (pf.regs[r].type === 'scalar' && !pf.regs[r].precise) pf.regs[r].precise = true; else m.regs[fr] &= ~(1 << r);
      }
      for (const k of [...m.slots[fr]]) {
        const sl = pf.stack[k];
        if (sl?.spilled?.type === 'scalar' && sl.bytes[7] === 'r' && !sl.spilled.precise) sl.spilled.precise = true; else m.slots[fr].delete(k);
      }
    }
    say?.(`mark_precise: frame0: parent state regs=${fmtRegs(m.regs[0])} stack=${fmtSlots(m.slots[0])}: ${formatState(p, true)}`);
    if (allEmpty(m)) return;
    st = p;
    hist = p.hist ?? [];
    subseqSaid = firstIdx;
    lastIdx = hist.length ? hist[hist.length - 1].idx : p.insnIdx;
    firstIdx = hist.length ? hist[0].idx : p.insnIdx;
  }
}

/**
 * The level-2 `mark_precise:` lines, for walks that stay in one frame (the main program without
 * calls on the way); nothing when the walk could cross frames (not printed yet).
 */
function precisionLog(env: Env): ((s: string) => void) | undefined {
  if (env.log.level < 2) return undefined;
  for (let s: VState | undefined = env.cur; s; s = s.parent) {
    if (s.frames.length !== 1 || (s.hist ?? []).some((e) => (e.frame ?? 0) !== 0)) return undefined;
  }
  return (t) => env.log.write(t);
}

function fmtRegs(mask: number): string {
  const a: string[] = [];
  for (let r = 0; r < 11; r++) if (mask & (1 << r)) a.push(`r${r}`);
  return a.join(',');
}

function fmtSlots(slots: Set<number>): string {
  return [...slots].sort((a, b) => a - b).map((k) => `-${(k + 1) * 8}`).join(',');
}

/** backtrack_insn: false = not followed (caller falls back to marking everything). */
function backtrack(env: Env, e: HistEntry, masks: Masks, fr: number): boolean {
  const insn = env.insns[e.idx];
  const set = (x: number): void => { masks.regs[fr] = x; };
  const mask = masks.regs[fr];
  const slots = masks.slots[fr];
  // the stack a spill / fill touched (a pointer to a caller's stack reaches that frame's slots)
  const sslots = e.sfr !== undefined && e.sfr < masks.slots.length ? masks.slots[e.sfr] : slots;
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
    if (e.spi >= 0) sslots.add(e.spi);
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
    if (e.spi >= 0 && sslots.has(e.spi)) {
      sslots.delete(e.spi);
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
    if (insn.src === 1) return (m & 1) === 0; // a bpf-to-bpf call (reached from the callee's entry): R1-R5 are its arguments
    m &= ~0x3f;
    set(m);
    return true;
  }
  if (op === BPF_EXIT) return true; // a callee's R0 is followed into its body (markPreciseMasks)
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

/** propagate_precision: a pruned path inherits the precision the covering state needed (every frame). */
export function propagatePrecision(env: Env, old: VState): void {
  if (old.frames.length !== env.cur.frames.length) { markAllPrecise(env.cur); return; }
  const m: Masks = { regs: [], slots: [] };
  for (const of of old.frames) {
    let regs = 0;
    for (let r = 0; r < 11; r++) if (of.regs[r].type === 'scalar' && of.regs[r].precise) regs |= 1 << r;
    const slots = new Set<number>();
    of.stack.forEach((sl, k) => { if (sl?.spilled?.type === 'scalar' && sl.spilled.precise && sl.bytes[7] === 'r') slots.add(k); });
    m.regs.push(regs);
    m.slots.push(slots);
  }
  if (env.privileged && precisionLog(env)) {
    // propagate_precision's announcement, frame by frame from the innermost
    for (let fr = m.regs.length - 1; fr >= 0; fr--) {
      const items: string[] = [];
      for (let r = 0; r < 10; r++) if (m.regs[fr] & (1 << r)) items.push(`r${r}`);
      for (const k of [...m.slots[fr]].sort((a, b) => a - b)) items.push(`fp-${(k + 1) * 8}`);
      if (items.length) env.log.write(`frame ${fr}: propagating ${items.join(',')}\n`);
    }
  }
  markPreciseMasks(env, m, 0);
}
