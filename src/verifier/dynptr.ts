/**
 * Dynptrs on the stack (6.18's STACK_DYNPTR): `struct bpf_dynptr` is two stack slots (16 bytes)
 * marked 'd'; the first (higher-address) slot carries the dynptr's type, id and, for ring-buffer
 * dynptrs, the reference id acquired by bpf_ringbuf_reserve_dynptr. Covers the helper-argument
 * checks (process_dynptr_func, dynptr_get_spi), creating (mark_stack_slots_dynptr), releasing
 * (unmark_stack_slots_dynptr), destroying on overwrite (destroy_if_dynptr_stack_slot) and the
 * slice bpf_dynptr_data returns (ref_obj_id of the dynptr).
 *
 * Does not: CONST_PTR_TO_DYNPTR (callback dynptrs of bpf_user_ringbuf_drain), dynptr kfuncs
 * (skb/xdp dynptrs, clones, iterators).
 * Provenance: rules and message strings as the 6.18 kernel prints them (corpus refs/dynptr_*);
 * own code.
 */
import type { ArgKind } from '../kernel/helpers/kinds.ts';
import { hasFlag } from '../kernel/helpers/kinds.ts';
import { scalarIsConst, scalarUnknown } from './domains/scalar.ts';
import { type Env, fail, newId } from './env.ts';
import { forEachReg } from './jmp.ts';
import { slotAt } from './mem.ts';
import { type DynptrInfo, type Frame, type Reg, notInit, scalarReg } from './types.ts';

/** mark_reg_invalid: unknown scalar for a privileged loader, not_init otherwise. */
function invalidReg(env: Env): Reg {
  return env.privileged ? scalarReg(scalarUnknown()) : notInit();
}

/** dynptr_get_spi: the first slot's index, or a complaint; 'erange' when past the allocated stack. */
export function dynptrGetSpi(env: Env, reg: Reg): number | { error: string } | 'erange' {
  if (!scalarIsConst(reg.s)) return { error: 'dynptr has to be at a constant offset' };
  const off = reg.off + Number(BigInt.asIntN(64, reg.s.var_off.value));
  if (off % 8) return { error: `cannot pass in dynptr at an offset=${off}` };
  const spi = Math.floor((-off - 1) / 8);
  if (spi < 1) return { error: `cannot pass in dynptr at an offset=${off}` };
  const f = env.cur.frames[reg.frameno];
  if (spi >= f.allocated / 8) return 'erange';
  return spi;
}

function dynptrTypeOf(k: ArgKind): DynptrInfo['type'] {
  if (hasFlag(k, 'DYNPTR_TYPE_RINGBUF')) return 'ringbuf';
  if (hasFlag(k, 'DYNPTR_TYPE_LOCAL')) return 'local';
  return 'invalid';
}

function isValidInit(env: Env, reg: Reg): number {
  const spi = dynptrGetSpi(env, reg);
  if (typeof spi !== 'number') return -1;
  const f = env.cur.frames[reg.frameno];
  const a = f.stack[spi];
  const b = f.stack[spi - 1];
  if (!a?.dynptr?.first) return -1;
  for (let i = 0; i < 8; i++) if (a.bytes[i] !== 'd' || b?.bytes[i] !== 'd') return -1;
  return spi;
}

/** invalidate_dynptr / the non-referenced part of destroy_if_dynptr_stack_slot. */
function clearDynptr(env: Env, f: Frame, spi: number): void {
  for (const k of [spi, spi - 1]) {
    const s = slotAt(f, k);
    for (let i = 0; i < 8; i++) s.bytes[i] = '?';
    s.dynptr = undefined;
    s.spilled = undefined;
    env.cur.scratchedSlots.add(k);
  }
}

/** destroy_if_dynptr_stack_slot: a write touching a dynptr slot destroys the whole dynptr. */
export function destroyIfDynptrSlot(env: Env, f: Frame, spi: number): void {
  const s = f.stack[spi];
  if (!s || s.bytes[0] !== 'd') return;
  let first = spi;
  if (!s.dynptr?.first) first = spi + 1;
  const info = f.stack[first]?.dynptr;
  if (info && info.type === 'ringbuf') fail('cannot overwrite referenced dynptr');
  const id = info?.id ?? 0;
  clearDynptr(env, f, first);
  if (id) forEachReg(env.cur, (x, set) => { if (x.type === 'mem' && x.dynptrId === id) set(invalidReg(env)); });
}

export interface DynptrMeta {
  /** Set for bpf_dynptr_data: the dynptr's id and reference. */
  dynptrId: number;
  dynRefObjId: number;
}

/** process_dynptr_func for helper argument `regno` (a PTR_TO_STACK). */
export function processDynptrArg(env: Env, regno: number, k: ArgKind, meta: DynptrMeta,
  writeSlot: (off: number) => void): void {
  const reg = env.cur.frames[env.cur.curframe].regs[regno];
  if (reg.type !== 'fp') fail(`arg#${regno - 1} expected pointer to stack or const struct bpf_dynptr`);
  if (hasFlag(k, 'MEM_UNINIT')) {
    const spi = dynptrGetSpi(env, reg);
    if (typeof spi === 'object') fail(`${spi.error}\nDynptr has to be an uninitialized dynptr`);
    writeSlot(0);
    writeSlot(8);
    const s2 = dynptrGetSpi(env, reg) as number;
    const f = env.cur.frames[reg.frameno];
    destroyIfDynptrSlot(env, f, s2);
    destroyIfDynptrSlot(env, f, s2 - 1);
    const type = dynptrTypeOf(k);
    const id = newId(env);
    let refObjId = 0;
    if (type === 'ringbuf') {
      refObjId = newId(env);
      env.cur.refs.push({ id: refObjId, insnIdx: env.insnIdx });
    }
    for (const [kk, first] of [[s2, true], [s2 - 1, false]] as const) {
      const s = slotAt(f, kk);
      for (let i = 0; i < 8; i++) s.bytes[i] = 'd';
      s.spilled = undefined;
      s.dynptr = { type, first, id, refObjId };
      env.cur.scratchedSlots.add(kk);
    }
    return;
  }
  const spi = isValidInit(env, reg);
  if (spi < 0) fail(`Expected an initialized dynptr as arg #${regno - 1}`);
  const info = env.cur.frames[reg.frameno].stack[spi].dynptr!;
  env.cur.scratchedSlots.add(spi);
  env.cur.scratchedSlots.add(spi - 1);
  const want = dynptrTypeOf(k);
  if (want !== 'invalid' && info.type !== want) fail(`Expected a dynptr of type ${want} as arg #${regno - 1}`);
  meta.dynptrId = info.id;
  meta.dynRefObjId = info.refObjId;
}

/** check_func_arg's release check for a dynptr argument ("arg %d is an unacquired reference"). */
export function checkDynptrRelease(env: Env, regno: number): void {
  const reg = env.cur.frames[env.cur.curframe].regs[regno];
  if (reg.type !== 'fp') fail('cannot release unowned const bpf_dynptr');
  const spi = dynptrGetSpi(env, reg);
  const pre = typeof spi === 'object' ? `${spi.error}\n` : '';
  if (typeof spi !== 'number' || !env.cur.frames[reg.frameno].stack[spi]?.dynptr?.refObjId) fail(`${pre}arg ${regno} is an unacquired reference`);
}

/** unmark_stack_slots_dynptr: release the dynptr's reference, its slices and clones. */
export function releaseDynptr(env: Env, regno: number): void {
  const reg = env.cur.frames[env.cur.curframe].regs[regno];
  const spi = dynptrGetSpi(env, reg) as number;
  const f = env.cur.frames[reg.frameno];
  const info = f.stack[spi].dynptr!;
  if (info.type !== 'ringbuf') { clearDynptr(env, f, spi); return; }
  const ref = info.refObjId;
  env.cur.refs = env.cur.refs.filter((x) => x.id !== ref);
  forEachReg(env.cur, (x, set) => { if (x.refObjId === ref) set(invalidReg(env)); });
  for (let k = 1; k < f.stack.length; k++) {
    const s = f.stack[k];
    if (s?.dynptr?.refObjId === ref && s.dynptr.first) clearDynptr(env, f, k);
  }
}
