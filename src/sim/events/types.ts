/**
 * The event records the generator emits. Each is one moment at which the kernel would run the
 * programs attached to one attach point: when, on which CPU, in which task, and the arguments
 * exactly as the program's context carries them (tracepoint record bytes; pt_regs registers for
 * kprobes/uprobes; u64 argument slots for fentry/fexit/LSM; sampled registers and stacks for
 * perf events). Pointers are addresses in the world's simulated memory (`world.readUser`,
 * `world.readKernel`); `strings` only annotates them for display.
 *
 * Deliberately not here: turning these into VM contexts (src/kernel/run). Provenance: our own.
 */
import type { AttachKind } from './catalog.ts';
import type { FieldValue } from './formats.ts';

/** The current task as `bpf_get_current_*` helpers report it. */
export interface TaskRef {
  pid: number;
  tgid: number;
  ppid: number;
  comm: string;
  uid: number;
  gid: number;
  cgroupId: bigint;
  /** Kernel address of its task_struct (bpf_get_current_task). */
  taskAddr: bigint;
}

/** x86_64 `struct pt_regs` members a program reads (names as in the UAPI/ptrace header). */
export interface PtRegs {
  di: bigint; si: bigint; dx: bigint; cx: bigint; r8: bigint; r9: bigint;
  ax: bigint; ip: bigint; sp: bigint; bp: bigint;
}

export interface EventBase {
  /** Sequential id from 0; `world.hookVerdict(id, …)` names LSM events by it. */
  id: number;
  /** CLOCK_MONOTONIC ns (bpf_ktime_get_ns). */
  ts: number;
  /** CLOCK_BOOTTIME ns (bpf_ktime_get_boot_ns). */
  bootTs: number;
  cpu: number;
  task: TaskRef;
  kind: AttachKind;
  /** The attach point's catalog name. */
  name: string;
  /** Decoded pointers, e.g. {filename: '/etc/passwd'} — display only. */
  strings?: Record<string, string>;
}

export interface TracepointEvent extends EventBase {
  kind: 'tracepoint';
  /** `group/name`, e.g. `syscalls/sys_enter_openat`. */
  fields: Record<string, FieldValue>;
  /** The record exactly as the tracepoint's format lays it out (the program's ctx). */
  record: Uint8Array;
  /**
   * The tracepoint's TP_PROTO arguments as raw_tracepoint / tp_btf programs see them (u64 each):
   * sys_enter (struct pt_regs *regs, long id), sys_exit (regs, long ret), sched_switch (preempt,
   * prev, next, prev_state), sched_wakeup(_new) (p), sched_process_fork (parent, child),
   * sched_process_exec (p, old_pid, bprm), sched_process_exit (p, group_dead),
   * inet_sock_set_state (sk, oldstate, newstate), tcp_retransmit_skb (sk, skb, err).
   */
  rawArgs: bigint[];
}

/**
 * Entry or return of a kernel or user function. fentry programs run on the same `kprobe` events
 * (reading `args` as u64 slots), fexit programs on the `kretprobe` events (`args` and `ret`);
 * see `programKindsFor`. kretprobe `regs.ip` is a return address in do_syscall_64 (a stand-in:
 * the real one is the caller's), `regs.sp`/`bp` a fixed kernel-stack-looking address.
 */
export interface FunctionEvent extends EventBase {
  kind: 'kprobe' | 'kretprobe' | 'uprobe' | 'uretprobe';
  /** Argument values in prototype order (u64 slots, as fentry sees them). */
  args: bigint[];
  /** Register file at the probe (arguments in di, si, dx, cx, r8, r9; ax = return value on return probes). */
  regs: PtRegs;
  /** Return value (kretprobe, fexit, uretprobe). */
  ret?: bigint;
}

export interface LsmEvent extends EventBase {
  kind: 'lsm';
  args: bigint[];
  /** Default verdict (0 = allow) until `world.hookVerdict(id, value)` changes it, before the next event is pulled. */
  verdict: number;
}

export interface PerfSampleEvent extends EventBase {
  kind: 'perf_event';
  /** Registers at the sample (ip in kernel or user text). */
  regs: PtRegs;
  /** Kernel stack, innermost first (empty when the CPU was in user mode). */
  kstack: bigint[];
  /** User stack, innermost first (empty for kernel threads and idle). */
  ustack: bigint[];
  samplePeriod: bigint;
  /** True when the sample hit user mode. */
  user: boolean;
}

export type SimEvent = TracepointEvent | FunctionEvent | LsmEvent | PerfSampleEvent;
