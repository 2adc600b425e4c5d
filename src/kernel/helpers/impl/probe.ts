/**
 * bpf_probe_read_user (112), bpf_probe_read_kernel (113), their _str forms (114, 115) and the
 * legacy bpf_probe_read (4) / bpf_probe_read_str (45) against the simulated host's memory, for
 * tracing runs: user addresses read the current task's user memory, kernel addresses the VM's
 * own regions (stack, map values, context) and then the host's kernel objects.
 *
 * Semantics as Linux 6.18 (kernel/trace/bpf_trace.c, mm/maccess.c):
 *   - any failure zeroes the whole destination buffer and returns the negative errno;
 *   - _kernel of a user-space address (below TASK_SIZE_MAX + a page, NULL included): -ERANGE
 *     (copy_from_kernel_nofault_allowed); _user of a kernel address: -EFAULT (access_ok);
 *     an unmapped byte: -EFAULT;
 *   - _str copies at most size-1 bytes plus a NUL and returns the length with the NUL; a fault
 *     anywhere before the NUL is -EFAULT (strncpy_from_*_nofault); size 0 returns 0;
 *   - the legacy forms pick user or kernel by the address (x86-64's split address space).
 * Provenance: UAPI helper documentation and the kernel's documented behaviour; our own code.
 */
import type { HelperFn, VmApi } from '../../../vm/index.ts';
import type { TracingEnv } from './tracingEnv.ts';

export const EFAULT = 14;
export const ERANGE = 34;
/** TASK_SIZE_MAX on x86-64 (47-bit user space) plus the guard page copy_from_kernel_nofault refuses. */
export const USER_TOP = 0x0000_7fff_ffff_f000n + 0x1000n;

const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));

type Space = 'user' | 'kernel';

/** A reader of one address space: the VM's regions first for kernel addresses, then the host's. */
function reader(env: TracingEnv, vm: VmApi, space: Space): (addr: bigint, len: number) => Uint8Array | undefined {
  if (space === 'user') return (a, n) => env.readUser(a, n);
  return (a, n) => vm.probeRead(a, n) ?? env.readKernel(a, n);
}

function check(space: Space, src: bigint): number {
  if (space === 'kernel' && src < USER_TOP) return ERANGE;
  if (space === 'user' && src >= USER_TOP) return EFAULT;
  return 0;
}

export function probeRead(env: TracingEnv, vm: VmApi, dst: bigint, size: bigint, src: bigint, space: Space): bigint {
  const n = Number(size);
  if (n === 0) return 0n;
  const bad = check(space, src);
  const data = bad ? undefined : reader(env, vm, space)(src, n);
  vm.writeBytes(dst, data ?? new Uint8Array(n));
  return data ? 0n : neg(bad || EFAULT);
}

export function probeReadStr(env: TracingEnv, vm: VmApi, dst: bigint, size: bigint, src: bigint, space: Space): bigint {
  const n = Number(size);
  if (n === 0) return 0n;
  const bad = check(space, src);
  const fail = (e: number): bigint => {
    vm.writeBytes(dst, new Uint8Array(n));
    return neg(e);
  };
  if (bad) return fail(bad);
  const read = reader(env, vm, space);
  // fast path: the whole window is mapped
  let bytes = read(src, n - 1);
  if (!bytes) {
    const out: number[] = [];
    for (let k = 0; k < n - 1; k++) {
      const b = read(src + BigInt(k), 1);
      if (!b) return fail(EFAULT);
      out.push(b[0]);
      if (b[0] === 0) break;
    }
    bytes = new Uint8Array(out);
  }
  const nul = bytes.indexOf(0);
  const len = nul >= 0 ? nul : Math.min(bytes.length, n - 1);
  const out = new Uint8Array(len + 1);
  out.set(bytes.subarray(0, len));
  vm.writeBytes(dst, out);
  return BigInt(len + 1);
}

export function probeHelpers(env: TracingEnv): Record<number, HelperFn> {
  const by = (src: bigint): Space => (src < USER_TOP ? 'user' : 'kernel');
  return {
    4: (vm, r1, r2, r3) => probeRead(env, vm, r1, r2, r3, by(r3)),
    112: (vm, r1, r2, r3) => probeRead(env, vm, r1, r2, r3, 'user'),
    113: (vm, r1, r2, r3) => probeRead(env, vm, r1, r2, r3, 'kernel'),
    45: (vm, r1, r2, r3) => probeReadStr(env, vm, r1, r2, r3, by(r3)),
    114: (vm, r1, r2, r3) => probeReadStr(env, vm, r1, r2, r3, 'user'),
    115: (vm, r1, r2, r3) => probeReadStr(env, vm, r1, r2, r3, 'kernel'),
  };
}
