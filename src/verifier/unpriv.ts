/**
 * The unprivileged verifier (a loader without CAP_BPF / CAP_PERFMON / CAP_SYS_ADMIN, with
 * kernel.unprivileged_bpf_disabled = 0): which program types load, which helpers they may call,
 * and the Spectre v1 sanitation of pointer arithmetic (sanitize_ptr_alu / sanitize_check_bounds
 * of 6.18) with its speculative paths.
 *
 * The other unprivileged rules live where the kernel checks them: pointer leaks (mem.ts, calls.ts,
 * check.ts), pointer comparisons and speculative branches (jmp.ts), uninitialized stack (mem.ts,
 * calls.ts), pointer ALU (alu.ts), back-edges (cfg.ts), precise scalars (env.ts setReg).
 * Does not: the instruction rewriting that sanitation implies (masking, nospec barriers), only
 * the verdicts, messages and the extra (speculative) paths the log shows.
 * Provenance: messages and helper sets recorded from Linux 6.18 as uid nobody
 * (testdata-unpriv/goldens.json, helpers-unpriv-6.18.json, by record.ts and probe_helpers.py);
 * own code.
 */
import type { ProgTypeName } from '../kernel/progtypes/ids.ts';
import { tnumStr } from './domains/tnum.ts';
import { type Env, Reject, fail } from './env.ts';
import { checkMemRegion } from './mem.ts';
import type { Reg } from './types.ts';

/** Program types BPF_PROG_LOAD accepts from an unprivileged loader (others: EPERM, no log). */
export const UNPRIV_PROG_TYPES: readonly ProgTypeName[] = ['socket_filter', 'cgroup_skb'];

/** Helper ids an unprivileged program may call (testdata-unpriv/helpers-unpriv-6.18.json). */
export const UNPRIV_HELPERS: Readonly<Partial<Record<ProgTypeName, readonly number[]>>> = {
  socket_filter: [1, 2, 3, 5, 7, 8, 12, 14, 15, 25, 26, 42, 46, 47, 68, 87, 88, 89, 105, 106, 120, 122, 125, 130, 131,
    132, 133, 134, 160, 182, 195, 208],
  cgroup_skb: [1, 2, 3, 5, 7, 8, 12, 14, 15, 25, 26, 42, 46, 47, 68, 79, 81, 83, 84, 85, 86, 87, 88, 89, 95, 96, 97, 98,
    99, 105, 106, 107, 108, 120, 122, 125, 128, 129, 130, 131, 132, 133, 134, 160, 182, 195, 208],
};

export function unprivHelperAllowed(type: ProgTypeName, id: number): boolean {
  return UNPRIV_HELPERS[type]?.includes(id) ?? false;
}

const PROHIBITED = 'pointer arithmetic with it prohibited for !root';

/**
 * sanitize_ptr_alu (first, non-commit call) for `ptr op off` with a register operand. Returns true
 * when the caller must push a speculative path (unknown offset: the truncated-offset simulation).
 */
export function sanitizePtrAlu(env: Env, dst: number, offRegno: number, ptr: Reg, off: Reg, isSub: boolean): boolean {
  const offConst = off.s.var_off.mask === 0n;
  const offNeg = off.s.smin < 0n;
  if (env.cur.speculative) return !offConst;
  if (!offConst && (off.s.smin < 0n) !== (off.s.smax < 0n)) fail(`R${offRegno} has unknown scalar with mixed signed bounds, ${PROHIBITED}`);
  const maskToLeft = (!isSub && offNeg) || (isSub && !offNeg);
  let max: bigint;
  let limit: bigint;
  if (ptr.type === 'fp') {
    max = 512n + (maskToLeft ? 1n : 0n);
    limit = -(BigInt.asIntN(64, ptr.s.var_off.value) + BigInt(ptr.off));
  } else if (ptr.type === 'map_value' && ptr.map) {
    max = BigInt(ptr.map.valueSize);
    limit = (maskToLeft ? ptr.s.smin : ptr.s.umax) + BigInt(ptr.off);
  } else {
    fail(`R${dst} has pointer with unsupported alu operation, ${PROHIBITED}`);
  }
  if (limit >= max) fail(`R${dst} tried to ${isSub ? 'sub' : 'add'} beyond pointer bounds, ${PROHIBITED}`);
  const aux = env.aux[env.insnIdx];
  const state = (offNeg ? 1 : 0) | (offConst ? 2 : 0) | 4;
  if (aux.aluState !== undefined && (aux.aluState !== state || aux.aluLimit !== limit)) {
    fail(`R${dst} tried to ${isSub ? 'sub' : 'add'} from different maps, paths or scalars, ${PROHIBITED}`);
  }
  aux.aluState = state;
  aux.aluLimit = limit;
  if (!offConst) env.exploreAluLimits = true;
  return !offConst;
}

/** sanitize_check_bounds: the result of pointer arithmetic must stay in bounds without CAP_BPF. */
export function sanitizeCheckBounds(dst: number, r: Reg): void {
  if (r.type === 'fp') {
    const off = Number(BigInt.asIntN(64, r.s.var_off.value)) + r.off;
    if (r.s.var_off.mask !== 0n) fail(`R${dst} variable stack access prohibited for !root, var_off=${tnumStr(r.s.var_off)} off=${off}`);
    if (off >= 0 || off < -512) fail(`R${dst} stack pointer arithmetic goes out of range, prohibited for !root; off=${off}`);
  } else if (r.type === 'map_value' && r.map) {
    try {
      checkMemRegion(r, dst, r.off, 1, r.map.valueSize, false);
    } catch (e) {
      if (e instanceof Reject) fail(`${e.text}\nR${dst} pointer arithmetic of map value goes out of range, prohibited for !root`);
      throw e;
    }
  }
}
