/**
 * What the tracing helpers (task.ts, probe.ts, stack.ts) need from the simulated host besides a
 * plain `HelperEnv`: the current task as the kernel knows it (task_struct address, cgroup),
 * reads of the host's user and kernel memory (bpf_probe_read_*), the stacks of the moment the
 * event fired (bpf_get_stackid / bpf_get_stack), signals (bpf_send_signal), per-CPU perf
 * buffers (bpf_perf_event_output) and bpf_override_return's request.
 *
 * Does not: implement anything; src/kernel/run/tracing.ts builds one per runtime and mutates it
 * per event. Provenance: our own design.
 */
import type { HelperEnv, SimTask } from './env.ts';

/** The current task of a tracing run (bpf_get_current_*). */
export interface TracingTask extends SimTask {
  /** Kernel address of its task_struct (bpf_get_current_task / _btf). */
  taskAddr: bigint;
  /** cgroup v2 id (bpf_get_current_cgroup_id). */
  cgroupId: bigint;
}

export interface TracingEnv extends HelperEnv {
  readonly task: TracingTask;
  /** `len` bytes of the current task's user memory, undefined when any byte is unmapped. */
  readUser(addr: bigint, len: number): Uint8Array | undefined;
  /** `len` bytes of kernel memory (host objects), undefined when unmapped. */
  readKernel(addr: bigint, len: number): Uint8Array | undefined;
  /** Kernel stack of the moment (return addresses, innermost first); empty in user mode. */
  kstack(): readonly bigint[];
  /** User stack of the current task (innermost first); empty for kernel threads. */
  ustack(): readonly bigint[];
  /** bpf_send_signal(_thread): 0, or a negative errno (-EPERM for kernel threads, -EINVAL bad signal). */
  sendSignal(sig: number, thread: boolean): number;
  /** bpf_override_return: the probed function returns `rc` instead of running. */
  overrideReturn(rc: bigint): void;
  /** bpf_perf_event_output into `map`'s buffer of `cpu`: 0, or -ENOSPC when that buffer is full (counted lost). */
  perfOutput(map: string, cpu: number, data: Uint8Array): number;
}
