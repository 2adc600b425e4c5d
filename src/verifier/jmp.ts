/**
 * Conditional jumps (check_cond_jmp_op of 6.18): the branch-taken prediction (scalars through
 * the domain, pointers against 0, packet pointers against pkt_end), pushing the other branch,
 * refining both sides (reg_set_min_max + linked scalar ids), null checks of `*_or_null`
 * pointers (mark_ptr_or_null_regs, dropping a never-acquired reference on the NULL side), and
 * packet range discovery (try_match_pkt_pointers / find_good_pkt_pointers / mark_pkt_end).
 *
 * Does not: speculative-execution branches (privileged loader: none), may_goto (rejected by
 * check.ts as not modelled).
 * Provenance: behaviour as described publicly for the kernel functions named above, checked
 * against corpus goldens; own code.
 */
import type { Insn } from '../isa/insn.ts';
import { BPF_ADD, BPF_CLASS, BPF_JMP32, BPF_OP, BPF_SRC, BPF_X, BPF_JEQ, BPF_JNE, BPF_JGT, BPF_JGE, BPF_JLT, BPF_JLE } from '../isa/opcodes.ts';
import { branchTaken, refineOnBranch, scalarAlu, scalarConst, scalarIsConst, scalarUnknown } from './domains/scalar.ts';
import { type Env, fail, frame, printInsnState, readReg } from './env.ts';
import { type Reg, type VState, BTF_TRUSTED, BTF_UNTRUSTED, baseId, isAddConst, scalarReg } from './types.ts';
import { markPrecise } from './precise.ts';

export const AT_PKT_END = -1;
export const BEYOND_PKT_END = -2;
const MAX_PACKET_OFF = 0xffffn;

/** Every register of a state: frame registers and spilled registers. */
export function forEachReg(st: VState, fn: (r: Reg, set: (n: Reg) => void) => void): void {
  for (const f of st.frames) {
    for (let i = 0; i < f.regs.length; i++) fn(f.regs[i], (n) => { f.regs[i] = n; });
    for (const s of f.stack) {
      if (s && s.spilled && s.bytes[7] === 'r') fn(s.spilled, (n) => { s.spilled = n; });
    }
  }
}

function flip(op: number): number {
  switch (op) {
    case BPF_JGT: return BPF_JLT;
    case BPF_JLT: return BPF_JGT;
    case BPF_JGE: return BPF_JLE;
    case BPF_JLE: return BPF_JGE;
    case 0x60: return 0xc0; // JSGT <-> JSLT
    case 0xc0: return 0x60;
    case 0x70: return 0xd0; // JSGE <-> JSLE
    case 0xd0: return 0x70;
    default: return op;
  }
}

function isConstScalar(r: Reg): boolean {
  return r.type === 'scalar' && scalarIsConst(r.s);
}

function pktBranchTaken(dst: Reg, src: Reg, opIn: number): -1 | 0 | 1 {
  let op = opIn;
  let pkt: Reg;
  if (src.type === 'pkt_end') pkt = dst;
  else if (dst.type === 'pkt_end') { pkt = src; op = flip(op); }
  else return -1;
  if (pkt.range >= 0) return -1;
  switch (op) {
    case BPF_JLE: case BPF_JGT:
      if (pkt.range === BEYOND_PKT_END) return op === BPF_JGT ? 1 : 0;
      break;
    case BPF_JLT: case BPF_JGE:
      if (pkt.range === BEYOND_PKT_END || pkt.range === AT_PKT_END) return op === BPF_JGE ? 1 : 0;
      break;
    default: break;
  }
  return -1;
}

/** reg_not_null: pointer types that can never be NULL. */
const NOT_NULL_TYPES = new Set(['sock', 'tcp_sock', 'map_value', 'map_key', 'sock_common', 'mem', 'map_ptr']);

/** is_trusted_reg: a BTF pointer the kernel vouches for (not NULL, safe to pass to helpers). */
function isTrustedReg(r: Reg): boolean {
  return (r.btfFlags & BTF_TRUSTED) !== 0 && !(r.btfFlags & BTF_UNTRUSTED);
}

function isBranchTaken(dst: Reg, src: Reg, op: number, is64: boolean): -1 | 0 | 1 {
  const pk = (r: Reg): boolean => r.type === 'pkt' || r.type === 'pkt_meta' || r.type === 'pkt_end';
  if (pk(dst) && pk(src) && is64) return pktBranchTaken(dst, src, op);
  if (dst.type !== 'scalar' || src.type !== 'scalar') {
    let a = dst;
    let b = src;
    let o = op;
    if (!isConstScalar(b)) { o = flip(o); [a, b] = [b, a]; }
    if (!isConstScalar(b)) return -1;
    if (a.type === 'scalar' || a.maybeNull || !(NOT_NULL_TYPES.has(a.type) || (a.type === 'ptr_' && isTrustedReg(a)))) return -1;
    const v = is64 ? b.s.var_off.value : BigInt.asUintN(32, b.s.var_off.value);
    if (v !== 0n) return -1;
    if (o === BPF_JEQ) return 0;
    if (o === BPF_JNE) return 1;
    return -1;
  }
  return branchTaken(op, is64, dst.s, src.s);
}

/**
 * collect_linked_regs considers only the registers live before the current insn of each frame (a
 * caller frame: before its call insn), and every spilled slot. `fi` frame, `r` register number.
 */
export function linkedRegLive(env: Env, st: VState, fi: number, r: number): boolean {
  const at = fi === st.curframe ? env.insnIdx : st.frames[fi + 1].callsite;
  const live = env.aux[at]?.live;
  return live === undefined || (live & (1 << r)) !== 0;
}

function syncLinked(env: Env, st: VState, r: Reg): void {
  if (r.type !== 'scalar' || !r.id) return;
  const base = baseId(r.id);
  const each = (fn: (x: Reg, set: (n: Reg) => void) => void): void => {
    st.frames.forEach((f, fi) => {
      for (let i = 0; i < 10; i++) if (f.regs[i] === r || linkedRegLive(env, st, fi, i)) fn(f.regs[i], (n) => { f.regs[i] = n; });
      for (const s of f.stack) if (s && s.spilled && s.bytes[7] === 'r') fn(s.spilled, (n) => { s.spilled = n; });
    });
  };
  each((x, set) => {
    if (x === r || x.type !== 'scalar' || baseId(x.id) !== base) return;
    if ((!isAddConst(x.id) && !isAddConst(r.id)) || x.off === r.off) {
      set({ ...x, s: r.s, id: r.id, off: r.off });
    } else {
      // reg = known_reg + (reg->off - known_reg->off), keeping reg's own id and offset
      const delta = scalarConst(BigInt.asUintN(64, BigInt((x.off | 0) - (r.off | 0))));
      set({ ...x, s: scalarAlu(BPF_ADD, true, r.s, delta) });
    }
  });
}

function findGoodPkt(st: VState, dst: Reg, rightOpen: boolean): void {
  if (dst.off < 0 || (dst.off === 0 && rightOpen)) return;
  if (dst.s.umax > MAX_PACKET_OFF || dst.s.umax + BigInt(dst.off) > MAX_PACKET_OFF) return;
  const nr = dst.off + (rightOpen ? 1 : 0);
  forEachReg(st, (r) => {
    if (r.type === dst.type && r.id === dst.id) r.range = Math.max(r.range, nr);
  });
}

function markPktEnd(st: VState, regno: number, open: boolean): void {
  const r = st.frames[st.curframe].regs[regno];
  if (r.type !== 'pkt') return;
  r.range = open ? BEYOND_PKT_END : AT_PKT_END;
}

function isInitPkt(r: Reg): boolean {
  return r.type === 'pkt' && r.off === 0 && scalarIsConst(r.s) && r.s.var_off.value === 0n;
}

function tryMatchPkt(insn: Insn, dst: Reg, src: Reg, thisSt: VState, other: VState): boolean {
  if (BPF_SRC(insn.code) !== BPF_X || BPF_CLASS(insn.code) === BPF_JMP32) return false;
  const reg = (st: VState, n: number): Reg => st.frames[st.curframe].regs[n];
  const a = (dst.type === 'pkt' && src.type === 'pkt_end') || (dst.type === 'pkt_meta' && isInitPkt(src));
  const b = (dst.type === 'pkt_end' && src.type === 'pkt') || (isInitPkt(dst) && src.type === 'pkt_meta');
  if (!a && !b) return false;
  switch (BPF_OP(insn.code)) {
    case BPF_JGT:
      if (a) { findGoodPkt(thisSt, reg(thisSt, insn.dst), false); markPktEnd(other, insn.dst, true); }
      else { findGoodPkt(other, reg(other, insn.src), true); markPktEnd(thisSt, insn.src, false); }
      return true;
    case BPF_JLT:
      if (a) { findGoodPkt(other, reg(other, insn.dst), true); markPktEnd(thisSt, insn.dst, false); }
      else { findGoodPkt(thisSt, reg(thisSt, insn.src), false); markPktEnd(other, insn.src, true); }
      return true;
    case BPF_JGE:
      if (a) { findGoodPkt(thisSt, reg(thisSt, insn.dst), true); markPktEnd(other, insn.dst, false); }
      else { findGoodPkt(other, reg(other, insn.src), false); markPktEnd(thisSt, insn.src, true); }
      return true;
    case BPF_JLE:
      if (a) { findGoodPkt(other, reg(other, insn.dst), false); markPktEnd(thisSt, insn.dst, true); }
      else { findGoodPkt(thisSt, reg(thisSt, insn.src), true); markPktEnd(other, insn.src, false); }
      return true;
    default:
      return false;
  }
}

function markPtrOrNull(st: VState, regno: number, isNull: boolean): void {
  const r = st.frames[st.curframe].regs[regno];
  const id = r.id;
  if (!id) return;
  if (r.refObjId && r.refObjId === id && isNull) {
    st.refs = st.refs.filter((x) => x.id !== id);
  }
  forEachReg(st, (x, set) => {
    if (x.type === 'scalar' || !x.maybeNull || x.id !== id) return;
    if (isNull) {
      set(scalarReg(scalarConst(0n)));
      return;
    }
    // a map-in-map lookup gives the inner map (CONST_PTR_TO_MAP of the inner map template)
    if (x.type === 'map_value' && x.map?.inner) set({ ...x, type: 'map_ptr', map: x.map.inner, maybeNull: false, id: 0 });
    else set({ ...x, maybeNull: false, id: 0 });
  });
}

/**
 * A conditional jump at env.insnIdx. Returns the next insn index for this path; `push` is called
 * to queue the other branch (a copy of the state) when both directions are possible.
 */
export function checkCondJmp(env: Env, insn: Insn, push: (target: number) => VState): number {
  const idx = env.insnIdx;
  const op = BPF_OP(insn.code);
  const is64 = BPF_CLASS(insn.code) !== BPF_JMP32;
  const isX = BPF_SRC(insn.code) === BPF_X;
  let src: Reg;
  if (isX) src = readReg(env, insn.src);
  else src = scalarReg(scalarConst(BigInt(insn.imm)));
  const dst = readReg(env, insn.dst);
  const pk = (r: Reg): boolean => r.type === 'pkt' || r.type === 'pkt_meta' || r.type === 'pkt_end';
  if (isX && !env.privileged && src.type !== 'scalar' && !(pk(dst) && pk(src))) fail(`R${insn.src} pointer comparison prohibited`);
  const target = idx + insn.off + 1;
  const pred = isBranchTaken(dst, src, op, is64);
  // sanitize_speculative_path: without CAP_BPF the side that cannot be taken is still walked,
  // speculatively, with the compared registers unknown.
  const speculate = (t: number): void => {
    if (env.privileged) return;
    const q = push(t);
    q.speculative = true;
    const regs = q.frames[q.curframe].regs;
    regs[insn.dst] = { ...scalarReg(scalarUnknown()), precise: true };
    if (isX) regs[insn.src] = { ...scalarReg(scalarUnknown()), precise: true };
  };
  if (pred >= 0) {
    let m = 0;
    if (dst.type === 'scalar') m |= 1 << insn.dst;
    if (isX && src.type === 'scalar') m |= 1 << insn.src;
    if (m) markPrecise(env, m, [], 1);
  }
  // a decided branch prints its state at the jump itself (after any mark_precise lines)
  if (pred === 1) { speculate(idx + 1); if (env.log.level) printInsnState(env); return target; }
  if (pred === 0) { speculate(target); if (env.log.level) printInsnState(env); return idx + 1; }
  const other = push(target);
  const thisSt = env.cur;
  const oregs = other.frames[other.curframe].regs;
  const tregs = frame(env).regs;
  if (dst.type === 'scalar' && src.type === 'scalar' && !(isX && insn.dst === insn.src)) {
    const t = refineOnBranch(op, is64, oregs[insn.dst].s, isX ? oregs[insn.src].s : src.s, true);
    const fl = refineOnBranch(op, is64, tregs[insn.dst].s, isX ? tregs[insn.src].s : src.s, false);
    const setS = (regs: Reg[], n: number, s: import('./domains/scalar.ts').Scalar): void => { regs[n] = { ...regs[n], s }; };
    if (t) { setS(oregs, insn.dst, t[0]); if (isX) setS(oregs, insn.src, t[1]); }
    else { setS(oregs, insn.dst, scalarUnknown()); if (isX) setS(oregs, insn.src, scalarUnknown()); }
    if (fl) { setS(tregs, insn.dst, fl[0]); if (isX) setS(tregs, insn.src, fl[1]); }
    else { setS(tregs, insn.dst, scalarUnknown()); if (isX) setS(tregs, insn.src, scalarUnknown()); }
    if (isX) { syncLinked(env, thisSt, tregs[insn.src]); syncLinked(env, other, oregs[insn.src]); }
    syncLinked(env, thisSt, tregs[insn.dst]);
    syncLinked(env, other, oregs[insn.dst]);
  }
  if (is64 && isX && dst.type !== 'scalar' && src.type !== 'scalar' && dst.maybeNull !== src.maybeNull && (op === BPF_JEQ || op === BPF_JNE)) {
    // A maybe-null pointer compared equal to a non-null one is not null on the equal side.
    const eqSide = op === BPF_JEQ ? other : thisSt;
    const nullReg = dst.maybeNull ? insn.dst : insn.src;
    markPtrOrNull(eqSide, nullReg, false);
  }
  if (is64 && !isX && insn.imm === 0 && (op === BPF_JEQ || op === BPF_JNE) && dst.type !== 'scalar' && dst.maybeNull) {
    markPtrOrNull(thisSt, insn.dst, op === BPF_JNE);
    markPtrOrNull(other, insn.dst, op === BPF_JEQ);
  } else if (!tryMatchPkt(insn, dst, src, thisSt, other) && !env.privileged && dst.type !== 'scalar') {
    fail(`R${insn.dst} pointer comparison prohibited`);
  }
  return idx + 1;
}
