/**
 * Tracing helpers about the current task and its fate: bpf_get_current_task (35),
 * bpf_get_current_task_btf (158), bpf_get_current_cgroup_id (80), bpf_send_signal (109),
 * bpf_send_signal_thread (117), bpf_override_return (58). (bpf_get_current_pid_tgid / uid_gid /
 * comm are basic.ts's, reading the same `env.task`.)
 *
 * Semantics as Linux 6.18 documents them: get_current_task returns the task_struct address (a
 * scalar to read with bpf_probe_read_kernel); send_signal refuses kernel threads and the idle
 * task (-EPERM) and signal numbers above 64 (-EINVAL), and is delivered to the task (the whole
 * process, or only the thread) on its way back to user space; override_return replaces the
 * probed function's return value (kprobes on error-injectable functions; this 6.18 build has no
 * CONFIG_BPF_KPROBE_OVERRIDE, so the verifier refuses the call, as availability.ts records).
 * Provenance: UAPI helper documentation (bpf.h); our own code.
 */
import type { HelperFn } from '../../../vm/index.ts';
import type { TracingEnv } from './tracingEnv.ts';

export const EPERM = 1;
export const EINVAL = 22;
/** _NSIG on x86-64. */
export const NSIG = 64;

const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));

export function taskHelpers(env: TracingEnv): Record<number, HelperFn> {
  const signal = (thread: boolean): HelperFn => (_vm, r1) => {
    const sig = Number(r1 & 0xffffffffn);
    const r = env.sendSignal(sig, thread);
    return r < 0 ? neg(-r) : 0n;
  };
  return {
    35: () => env.task.taskAddr,
    158: () => env.task.taskAddr,
    80: () => env.task.cgroupId,
    109: signal(false),
    117: signal(true),
    58: (_vm, _r1, r2) => {
      env.overrideReturn(r2);
      return 0n;
    },
  };
}
