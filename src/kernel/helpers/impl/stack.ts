/**
 * Stack and perf-buffer helpers of tracing runs: bpf_get_stackid (27), bpf_get_stack (67) and
 * bpf_perf_event_output (25) into a PERF_EVENT_ARRAY's per-CPU buffers.
 *
 * Semantics as Linux 6.18 documents them (UAPI bpf.h):
 *   get_stackid(ctx, map, flags): flags = skip count (low 8 bits) | BPF_F_USER_STACK |
 *     BPF_F_FAST_STACK_CMP | BPF_F_REUSE_STACKID, other bits -EINVAL; the kernel or user stack
 *     of the moment, minus `skip` frames, at most value_size/8 frames, stored in the
 *     STACK_TRACE map (maps/stackTrace.ts: id, -EEXIST, -ENOMEM); no frames left: -EFAULT.
 *   get_stack(ctx, buf, size, flags): size a multiple of 8, flags skip | BPF_F_USER_STACK
 *     (else -EINVAL); copies up to size/8 frames, zeroes the rest of buf, returns the bytes
 *     copied; no frames: -EFAULT; on any error the whole buf is zeroed.
 *   perf_event_output(ctx, map, flags, data, size): flags = index | BPF_F_CURRENT_CPU (other
 *     bits -EINVAL), index ≥ max_entries -E2BIG, a CPU that does not exist -ENOENT; a full
 *     per-CPU buffer drops the record (counted lost) and returns -ENOSPC.
 * Deliberate differences: BPF_F_USER_BUILD_ID stacks are refused with -EINVAL (no build ids
 * here); the kernel's stacks at kprobes/tracepoints are reconstructed from the event (the probed
 * function, then the system-call entry path), not unwound.
 * Provenance: UAPI helper documentation; our own code.
 */
import type { HelperFn, VmApi } from '../../../vm/index.ts';
import { E2BIG, EINVAL, ENOENT, PerfEventArrayMap, StackTraceMap } from '../../maps/index.ts';
import { BPF_F_FAST_STACK_CMP, BPF_F_REUSE_STACKID, BPF_F_SKIP_FIELD_MASK, BPF_F_USER_BUILD_ID, BPF_F_USER_STACK } from '../../maps/stackTrace.ts';
import { PERF_MAX_STACK_DEPTH } from '../../maps/types.ts';
import { mapOf } from './maps.ts';
import type { TracingEnv } from './tracingEnv.ts';

const EFAULT = 14;
const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));
const BPF_F_CURRENT_CPU = 0xffffffffn;

/** The frames a stack helper sees: the chosen stack, `skip` dropped, at most `max` kept. */
function trace(env: TracingEnv, flags: bigint, max: number): bigint[] {
  const skip = Number(flags & BPF_F_SKIP_FIELD_MASK);
  const st = flags & BPF_F_USER_STACK ? env.ustack() : env.kstack();
  // get_perf_callchain collects at most max + skip (capped at perf_event_max_stack) entries
  const depth = Math.min(max + skip, PERF_MAX_STACK_DEPTH);
  return st.slice(0, depth).slice(skip);
}

export function stackHelpers(env: TracingEnv): Record<number, HelperFn> {
  return {
    27: (vm: VmApi, _ctx, r2, r3) => {
      const m = mapOf(env, vm, r2);
      if (!(m instanceof StackTraceMap)) return neg(EINVAL);
      if (r3 & ~(BPF_F_SKIP_FIELD_MASK | BPF_F_USER_STACK | BPF_F_FAST_STACK_CMP | BPF_F_REUSE_STACKID)) return neg(EINVAL);
      const ips = trace(env, r3, m.depth);
      if (ips.length === 0) return neg(EFAULT);
      const id = m.store(ips, r3);
      return id < 0 ? neg(-id) : BigInt(id);
    },
    67: (vm: VmApi, _ctx, r2, r3, r4) => {
      const size = Number(r3 & 0xffffffffn);
      const fail = (e: number): bigint => {
        if (size > 0) vm.writeBytes(r2, new Uint8Array(size));
        return neg(e);
      };
      if (r4 & ~(BPF_F_SKIP_FIELD_MASK | BPF_F_USER_STACK | BPF_F_USER_BUILD_ID)) return fail(EINVAL);
      if (r4 & BPF_F_USER_BUILD_ID) return fail(EINVAL);
      if (size % 8 !== 0) return fail(EINVAL);
      const ips = trace(env, r4, size / 8);
      if (ips.length === 0) return fail(EFAULT);
      const out = new Uint8Array(size);
      const dv = new DataView(out.buffer);
      ips.forEach((ip, k) => dv.setBigUint64(8 * k, ip, true));
      vm.writeBytes(r2, out);
      return BigInt(ips.length * 8);
    },
    25: (vm: VmApi, _ctx, r2, r3, r4, r5) => {
      const m = mapOf(env, vm, r2);
      if (!(m instanceof PerfEventArrayMap)) return neg(EINVAL);
      if (r3 & ~0xffffffffn) return neg(EINVAL);
      let idx = r3;
      if (idx === BPF_F_CURRENT_CPU) idx = BigInt(env.cpu);
      if (idx >= BigInt(m.maxEntries)) return neg(E2BIG);
      if (idx >= BigInt(env.cpus)) return neg(ENOENT);
      const r = env.perfOutput(m.name, Number(idx), vm.readBytes(r4, Number(r5)));
      return r < 0 ? neg(-r) : 0n;
    },
  };
}
