/**
 * State pruning (states_equal / regsafe / stacksafe / refsafe of 6.18): may the current state
 * at a checkpoint be cut because an already fully explored state there covers it?
 *
 * Imprecise scalars of the old state match any scalar (precision marks come from precise.ts).
 * Register liveness uses the static live-register table of the CFG pass, stack-slot liveness the
 * conservative static analysis of stackLive.ts (main frame only; other frames: all slots live).
 * Provenance: comparison rules described from the kernel's public behaviour; own code.
 */
import { scalarSubsumes } from './domains/scalar.ts';
import { type Frame, type Reg, type StackSlot, type VState, isAddConst } from './types.ts';

interface IdMap {
  pairs: Map<number, number>;
  rev: Map<number, number>;
  tmp: number;
  /** env->explore_alu_limits: scalars must match exactly (unprivileged pointer sanitation). */
  alu?: boolean;
}

function checkIds(oldId: number, curId: number, m: IdMap): boolean {
  if (!!oldId !== !!curId) return false;
  if (oldId === 0) return true;
  const c = m.pairs.get(oldId);
  if (c !== undefined) return c === curId;
  if (m.rev.has(curId)) return false;
  m.pairs.set(oldId, curId);
  m.rev.set(curId, oldId);
  return true;
}

function checkScalarIds(oldId: number, curId: number, m: IdMap): boolean {
  return checkIds(oldId || --m.tmp, curId || --m.tmp, m);
}

function sameScalar(a: Reg, b: Reg): boolean {
  const x = a.s;
  const y = b.s;
  return x.var_off.value === y.var_off.value && x.var_off.mask === y.var_off.mask && x.smin === y.smin && x.smax === y.smax &&
    x.umin === y.umin && x.umax === y.umax && x.s32_min === y.s32_min && x.s32_max === y.s32_max && x.u32_min === y.u32_min && x.u32_max === y.u32_max;
}

function regsExact(o: Reg, c: Reg, m: IdMap): boolean {
  return o.type === c.type && o.maybeNull === c.maybeNull && o.rdonly === c.rdonly && o.ringbuf === c.ringbuf && o.off === c.off &&
    o.range === c.range && o.map === c.map && o.memSize === c.memSize && o.frameno === c.frameno && sameScalar(o, c) &&
    o.btf?.id === c.btf?.id && o.btfFlags === c.btfFlags && o.dynptrId === c.dynptrId &&
    checkIds(o.id, c.id, m) && checkIds(o.refObjId, c.refObjId, m);
}

/** false: NOT_EXACT, true: EXACT, 'range': RANGE_WITHIN (may_goto: imprecise scalars compared too). */
export type Exactness = boolean | 'range';

export function regsafe(o: Reg, c: Reg, m: IdMap, exact: Exactness): boolean {
  if (o.type === 'not_init') return exact === false || c.type === 'not_init';
  if (exact === true) return regsExact(o, c, m);
  if (o.type !== c.type) return false;
  if (o.type === 'scalar' && m.alu) return sameScalar(o, c) && checkScalarIds(o.id, c.id, m);
  if (o.type === 'scalar') {
    if (!o.precise && exact === false) return true;
    if (isAddConst(o.id) !== isAddConst(c.id) || (isAddConst(o.id) && o.off !== c.off)) return false;
    return scalarSubsumes(o.s, c.s) && checkScalarIds(o.id, c.id, m);
  }
  if (o.maybeNull !== c.maybeNull || o.rdonly !== c.rdonly || o.ringbuf !== c.ringbuf) return false;
  if (o.btf?.id !== c.btf?.id || o.btfFlags !== c.btfFlags) return false;
  switch (o.type) {
    case 'pkt': case 'pkt_meta':
      if (o.range > c.range) return false;
      if (o.off !== c.off) return false;
      if (!checkIds(o.id, c.id, m)) return false;
      return scalarSubsumes(o.s, c.s);
    default:
      return o.off === c.off && o.map === c.map && o.memSize === c.memSize && o.frameno === c.frameno &&
        checkIds(o.id, c.id, m) && checkIds(o.refObjId, c.refObjId, m) && scalarSubsumes(o.s, c.s);
  }
}

function slotOf(f: Frame, k: number): StackSlot | undefined {
  return f.stack[k];
}

function stacksafe(o: Frame, c: Frame, m: IdMap, exact: Exactness, live: bigint | null, allowUninit = false): boolean {
  const n = Math.max(o.stack.length, c.stack.length);
  for (let k = 0; k < n; k++) {
    if (live !== null && !(live & (1n << BigInt(k)))) continue;
    const os = slotOf(o, k);
    const cs = slotOf(c, k);
    const ob = os?.bytes ?? ['?', '?', '?', '?', '?', '?', '?', '?'];
    const cb = cs?.bytes ?? ['?', '?', '?', '?', '?', '?', '?', '?'];
    if (exact === true) {
      for (let i = 0; i < 8; i++) if (ob[i] !== cb[i]) return false;
      if (ob[7] === 'r' && !regsExact(os!.spilled!, cs!.spilled!, m)) return false;
      if (ob[0] === 'd' && (os!.dynptr?.type !== cs!.dynptr?.type || os!.dynptr?.first !== cs!.dynptr?.first || !checkIds(os!.dynptr?.refObjId ?? 0, cs!.dynptr?.refObjId ?? 0, m))) return false;
      continue;
    }
    for (let i = 0; i < 8; i++) {
      if (ob[i] === '?') continue;
      // env->allow_uninit_stack (CAP_PERFMON): misc bytes of the old state match anything
      if (ob[i] === 'm' && allowUninit) continue;
      if (ob[i] === 'm' && (cb[i] === '0' || cb[i] === 'm')) continue;
      if (ob[i] === 'm' && cb[i] === 'r' && cs?.spilled?.type === 'scalar') continue;
      if (ob[i] !== cb[i]) return false;
    }
    if (ob[0] === 'd') {
      const a = os?.dynptr;
      const b = cs?.dynptr;
      if (!a || !b || a.type !== b.type || a.first !== b.first || !checkIds(a.refObjId, b.refObjId, m)) return false;
    }
    if (ob[7] === 'r' && os?.spilled) {
      if (cb[7] !== 'r' || !cs?.spilled) return false;
      if (!regsafe(os.spilled, cs.spilled, m, exact)) return false;
    }
  }
  return true;
}

/** states_equal: `old` (fully explored, or for loop detection: exact) covers `cur`. */
export function statesEqual(old: VState, cur: VState, liveTop: number, exact: Exactness, stackLive: bigint | null = null, aluLimits = false, allowUninitStack = false): boolean {
  if (old.frames.length !== cur.frames.length || old.curframe !== cur.curframe) return false;
  if (old.speculative && !cur.speculative) return false;
  const m: IdMap = { pairs: new Map(), rev: new Map(), tmp: 0, alu: aluLimits };
  if (old.refs.length !== cur.refs.length) return false;
  for (let i = 0; i < old.refs.length; i++) if (!checkIds(old.refs[i].id, cur.refs[i].id, m)) return false;
  for (let fi = 0; fi < old.frames.length; fi++) {
    const of = old.frames[fi];
    const cf = cur.frames[fi];
    if (of.callsite !== cf.callsite) return false;
    for (let r = 0; r < 11; r++) {
      if (fi === old.curframe && !(liveTop & (1 << r)) && r !== 10) continue;
      if (!regsafe(of.regs[r], cf.regs[r], m, exact)) return false;
    }
    if (!stacksafe(of, cf, m, exact, old.frames.length === 1 ? stackLive : null, allowUninitStack)) return false;
  }
  return true;
}
