/**
 * Helpers about the machine and control flow: bpf_ktime_get_ns (5), bpf_ktime_get_boot_ns (125),
 * bpf_ktime_get_coarse_ns (160), bpf_jiffies64 (118), bpf_get_prandom_u32 (7),
 * bpf_get_smp_processor_id (8), bpf_get_numa_node_id (42), bpf_get_current_pid_tgid (14),
 * bpf_get_current_uid_gid (15), bpf_get_current_comm (16), bpf_probe_read_kernel/user(_str)
 * (113, 112, 115, 114, and the old 4 / 45), bpf_tail_call (12), bpf_loop (181), bpf_strncmp (182),
 * bpf_spin_lock / unlock (93, 94: no-ops, runs never overlap).
 *
 * Time and randomness come from the simulated host (seeded), never from the real clock.
 * Provenance: UAPI helper documentation (bpf.h); our own code.
 */
import type { HelperFn, VmApi } from '../../../vm/index.ts';
import { E2BIG, EINVAL, ProgArrayMap } from '../../maps/index.ts';
import type { HelperEnv } from './env.ts';
import { mapOf } from './maps.ts';

export const EFAULT = 14;
export const ERANGE = 34;
/** First address past user space on x86-64 (TASK_SIZE_MAX, rounded). */
const USER_TOP = 0x0000_8000_0000_0000n;
/** BPF_MAX_LOOPS: bpf_loop's largest nr_loops. */
export const BPF_MAX_LOOPS = 1 << 23;
/** HZ of the simulated kernel (jiffies, coarse clock granularity). */
export const HZ = 250;
/** The kernel starts jiffies 5 minutes before wrap (INITIAL_JIFFIES for 64-bit). */
export const INITIAL_JIFFIES = BigInt.asUintN(64, BigInt(-300 * HZ));

const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));

export function basicHelpers(env: HelperEnv): Record<number, HelperFn> {
  // copy_from_kernel_nofault refuses user-space addresses (NULL included) with -ERANGE on x86-64.
  const probe = (vm: VmApi, dst: bigint, size: bigint, src: bigint, kernel = true): bigint => {
    const n = Number(size);
    if (kernel && src < USER_TOP) {
      vm.writeBytes(dst, new Uint8Array(n));
      return neg(ERANGE);
    }
    const data = vm.probeRead(src, n);
    vm.writeBytes(dst, data ?? new Uint8Array(n));
    return data ? 0n : neg(EFAULT);
  };
  const probeStr = (vm: VmApi, dst: bigint, size: bigint, src: bigint, kernel = true): bigint => {
    const n = Number(size);
    if (n === 0) return 0n;
    if (kernel && src < USER_TOP) {
      vm.writeBytes(dst, new Uint8Array(n));
      return neg(ERANGE);
    }
    const out: number[] = [];
    for (let k = 0; k < n - 1; k++) {
      const b = vm.probeRead(src + BigInt(k), 1);
      if (!b) {
        if (k === 0) {
          vm.writeBytes(dst, new Uint8Array(n));
          return neg(EFAULT);
        }
        break;
      }
      if (b[0] === 0) break;
      out.push(b[0]);
    }
    out.push(0);
    vm.writeBytes(dst, new Uint8Array(out));
    return BigInt(out.length);
  };
  return {
    5: () => env.monoNs(),
    125: () => env.bootNs(),
    160: () => (env.monoNs() / 4_000_000n) * 4_000_000n,
    118: () => BigInt.asUintN(64, INITIAL_JIFFIES + (env.bootNs() * BigInt(HZ)) / 1_000_000_000n),
    7: () => BigInt(env.random() >>> 0),
    8: () => BigInt(env.cpu),
    42: () => 0n,
    14: () => (BigInt(env.task.tgid) << 32n) | BigInt(env.task.pid),
    15: () => (BigInt(env.task.gid) << 32n) | BigInt(env.task.uid),
    16: (vm, r1, r2) => {
      const n = Number(r2);
      if (n === 0) return 0n;
      const buf = new Uint8Array(n);
      const c = env.task.comm.slice(0, Math.min(15, n - 1));
      for (let k = 0; k < c.length; k++) buf[k] = c.charCodeAt(k);
      vm.writeBytes(r1, buf);
      return 0n;
    },
    4: (vm, r1, r2, r3) => probe(vm, r1, r2, r3, false),
    112: (vm, r1, r2, r3) => probe(vm, r1, r2, r3, false),
    113: (vm, r1, r2, r3) => probe(vm, r1, r2, r3),
    45: (vm, r1, r2, r3) => probeStr(vm, r1, r2, r3, false),
    114: (vm, r1, r2, r3) => probeStr(vm, r1, r2, r3, false),
    115: (vm, r1, r2, r3) => probeStr(vm, r1, r2, r3),
    12: (vm, _r1, r2, r3) => {
      const m = mapOf(env, vm, r2);
      const idx = Number(r3 & 0xffffffffn);
      if (m instanceof ProgArrayMap && idx < m.maxEntries) {
        const t = env.tailTarget(m, idx);
        if (t) vm.tailCall(t.insns, t.resolve);
      }
      return vm.reg(0);
    },
    181: (vm, r1, r2, r3, r4) => {
      if (r4 !== 0n) return neg(EINVAL);
      const n = r1 & 0xffffffffn;
      // with flags 0 the verifier inlines bpf_loop, and the inlined code sets -E2BIG with a
      // 32-bit move: the program sees 0x00000000fffffff9 (recorded: clang-objects/callbacks_errors)
      if (n > BigInt(BPF_MAX_LOOPS)) return BigInt.asUintN(32, BigInt(-E2BIG));
      for (let i = 0n; i < n; i++) {
        const ret = vm.callFunction(r2, [i, r3]);
        if (ret !== 0n) return i + 1n;
      }
      return n;
    },
    // bpf_spin_lock / unlock: one program runs at a time here, so a lock is always free.
    93: () => 0n,
    94: () => 0n,
    182: (vm, r1, r2, r3) => {
      const n = Number(r2 & 0xffffffffn);
      for (let k = 0; k < n; k++) {
        const a = vm.read(r1 + BigInt(k), 1);
        const b = vm.read(r3 + BigInt(k), 1);
        if (a !== b) return a < b ? neg(1) : 1n;
        if (a === 0n) return 0n;
      }
      return 0n;
    },
  };
}
