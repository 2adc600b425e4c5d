/**
 * The catalog of attach points the event generator fires, for the UI's attach-point picker and the
 * runtime's context builders: tracepoints (with their formats), kprobe/kretprobe/fentry/fexit
 * kernel functions with their Linux 6.18 prototypes and the x86_64 registers each argument
 * arrives in, uprobes, LSM hooks (BPF LSM prototypes: the security_* arguments; a non-zero
 * return denies) and the perf-event CPU clock.
 *
 * Deliberately not here: functions the workloads never call (attaching to them is valid but
 * fires nothing), BTF. Provenance: prototypes are facts from the kernel's public headers as of
 * 6.18 and the System V x86_64 calling convention (rdi, rsi, rdx, rcx, r8, r9; return in rax);
 * code is our own.
 */
import { TRACEPOINT_FORMATS, type FormatField } from './formats.ts';

export type AttachKind = 'tracepoint' | 'raw_tracepoint' | 'kprobe' | 'kretprobe' | 'fentry' | 'fexit' | 'uprobe' | 'uretprobe' | 'lsm' | 'perf_event';

export interface ArgSpec {
  type: string;
  name: string;
  /** x86_64 pt_regs member the argument is passed in (di, si, dx, cx, r8, r9). */
  reg?: PtReg;
}

export type PtReg = 'di' | 'si' | 'dx' | 'cx' | 'r8' | 'r9';
/** The System V x86_64 integer-argument registers, by argument index (pt_regs member names). */
export const ARG_REGS: readonly PtReg[] = ['di', 'si', 'dx', 'cx', 'r8', 'r9'];

export interface AttachPoint {
  kind: AttachKind;
  /** What a SEC() names: `syscalls/sys_enter_openat`, `do_sys_openat2`, `file_open`, `/bin/bash:readline`. */
  name: string;
  args: ArgSpec[];
  /** Return type (functions, uprobes, LSM hooks). */
  ret?: string;
  /** Tracepoint record fields (tracepoints only). */
  fields?: FormatField[];
  description: string;
}

interface Fn { name: string; ret: string; args: [string, string][]; description: string }

/** Kernel functions the simulated kernel "calls" (so kprobe/fentry on them fire). */
export const KERNEL_FUNCTIONS: readonly Fn[] = [
  { name: 'do_sys_openat2', ret: 'int', args: [['int', 'dfd'], ['const char __user *', 'filename'], ['struct open_how *', 'how']], description: 'every open()/openat()/openat2()' },
  { name: 'vfs_read', ret: 'ssize_t', args: [['struct file *', 'file'], ['char __user *', 'buf'], ['size_t', 'count'], ['loff_t *', 'pos']], description: 'read() on a file or socket' },
  { name: 'vfs_write', ret: 'ssize_t', args: [['struct file *', 'file'], ['const char __user *', 'buf'], ['size_t', 'count'], ['loff_t *', 'pos']], description: 'write() on a file or socket' },
  { name: 'do_unlinkat', ret: 'int', args: [['int', 'dfd'], ['struct filename *', 'name']], description: 'unlink()/unlinkat()' },
  { name: 'security_file_open', ret: 'int', args: [['struct file *', 'file']], description: 'the LSM file_open hook caller' },
  { name: 'security_bprm_check', ret: 'int', args: [['struct linux_binprm *', 'bprm']], description: 'the LSM bprm_check_security hook caller (every exec)' },
  { name: 'tcp_v4_connect', ret: 'int', args: [['struct sock *', 'sk'], ['struct sockaddr *', 'uaddr'], ['int', 'addr_len']], description: 'an outgoing IPv4 TCP connect' },
  { name: 'tcp_set_state', ret: 'void', args: [['struct sock *', 'sk'], ['int', 'state']], description: 'every TCP state change (TCP_ESTABLISHED=1 … TCP_CLOSING=11)' },
  { name: 'tcp_retransmit_skb', ret: 'int', args: [['struct sock *', 'sk'], ['struct sk_buff *', 'skb'], ['int', 'segs']], description: 'a TCP segment retransmitted' },
  { name: 'tcp_close', ret: 'void', args: [['struct sock *', 'sk'], ['long', 'timeout']], description: 'close() of a TCP socket' },
  { name: 'inet_csk_accept', ret: 'struct sock *', args: [['struct sock *', 'sk'], ['struct proto_accept_arg *', 'arg']], description: 'accept() returns a connection' },
  { name: 'wake_up_new_task', ret: 'void', args: [['struct task_struct *', 'p']], description: 'a forked task first made runnable' },
  { name: 'do_exit', ret: 'void', args: [['long', 'code']], description: 'a task exits' },
];

/** BPF LSM hooks the simulated kernel consults; a program returning non-zero (e.g. -EPERM) denies. */
export const LSM_HOOKS: readonly Fn[] = [
  { name: 'file_open', ret: 'int', args: [['struct file *', 'file']], description: 'opening a file (also the binary of an exec)' },
  { name: 'bprm_check_security', ret: 'int', args: [['struct linux_binprm *', 'bprm']], description: 'an execve about to replace the program' },
  { name: 'socket_connect', ret: 'int', args: [['struct socket *', 'sock'], ['struct sockaddr *', 'address'], ['int', 'addrlen']], description: 'connect() on a socket' },
];

/** User-space probe points: `binary:symbol`. */
export const USER_FUNCTIONS: readonly Fn[] = [
  { name: '/bin/bash:readline', ret: 'char *', args: [['const char *', 'prompt']], description: "bash reads a command line (uretprobe: the line typed)" },
  { name: '/lib/x86_64-linux-gnu/libc.so.6:malloc', ret: 'void *', args: [['size_t', 'size']], description: 'libc malloc' },
];

/**
 * Raw tracepoints (raw_tracepoint / tp_btf programs): TP_PROTO arguments as of 6.18. `sys_enter`
 * and `sys_exit` fire for every system call (on the generator's syscalls/sys_enter_* and
 * sys_exit_* events, whose `rawArgs` carry them).
 */
export const RAW_TRACEPOINTS: readonly Fn[] = [
  { name: 'sys_enter', ret: 'void', args: [['struct pt_regs *', 'regs'], ['long', 'id']], description: 'every system call entry' },
  { name: 'sys_exit', ret: 'void', args: [['struct pt_regs *', 'regs'], ['long', 'ret']], description: 'every system call exit' },
  { name: 'sched_switch', ret: 'void', args: [['bool', 'preempt'], ['struct task_struct *', 'prev'], ['struct task_struct *', 'next'], ['unsigned int', 'prev_state']], description: 'context switch' },
  { name: 'sched_wakeup', ret: 'void', args: [['struct task_struct *', 'p']], description: 'a task woken' },
  { name: 'sched_wakeup_new', ret: 'void', args: [['struct task_struct *', 'p']], description: 'a new task first woken' },
  { name: 'sched_process_fork', ret: 'void', args: [['struct task_struct *', 'parent'], ['struct task_struct *', 'child']], description: 'fork' },
  { name: 'sched_process_exec', ret: 'void', args: [['struct task_struct *', 'p'], ['pid_t', 'old_pid'], ['struct linux_binprm *', 'bprm']], description: 'exec' },
  { name: 'sched_process_exit', ret: 'void', args: [['struct task_struct *', 'p'], ['bool', 'group_dead']], description: 'exit' },
  { name: 'inet_sock_set_state', ret: 'void', args: [['const struct sock *', 'sk'], ['const int', 'oldstate'], ['const int', 'newstate']], description: 'TCP state change' },
  { name: 'tcp_retransmit_skb', ret: 'void', args: [['const struct sock *', 'sk'], ['const struct sk_buff *', 'skb'], ['int', 'err']], description: 'TCP retransmission' },
];

/** The raw tracepoint an event of tracepoint `group/name` also fires (syscalls/sys_enter_openat → sys_enter). */
export function rawTracepointOf(tracepoint: string): string {
  const name = tracepoint.slice(tracepoint.indexOf('/') + 1);
  if (name.startsWith('sys_enter_')) return 'sys_enter';
  if (name.startsWith('sys_exit_')) return 'sys_exit';
  return name;
}

function fnArgs(f: Fn): ArgSpec[] {
  return f.args.map(([type, name], i) => ({ type, name, reg: ARG_REGS[i] }));
}

/** Every attach point, grouped by kind; stable order. */
export function listAttachPoints(): AttachPoint[] {
  const out: AttachPoint[] = [];
  for (const [key, fmt] of TRACEPOINT_FORMATS) {
    const fields = fmt.fields.filter((f) => !f.name.startsWith('common_'));
    out.push({
      kind: 'tracepoint', name: key.replace(':', '/'), args: fields.map((f) => ({ type: f.type, name: f.name })), fields: fmt.fields,
      description: `${key} (id ${fmt.id}, ${fmt.size}-byte record)`,
    });
  }
  for (const f of RAW_TRACEPOINTS) out.push({ kind: 'raw_tracepoint', name: f.name, args: f.args.map(([type, name]) => ({ type, name })), description: f.description });
  for (const kind of ['kprobe', 'kretprobe', 'fentry', 'fexit'] as const) {
    for (const f of KERNEL_FUNCTIONS) out.push({ kind, name: f.name, args: fnArgs(f), ret: f.ret, description: f.description });
  }
  for (const kind of ['uprobe', 'uretprobe'] as const) {
    for (const f of USER_FUNCTIONS) out.push({ kind, name: f.name, args: fnArgs(f), ret: f.ret, description: f.description });
  }
  for (const f of LSM_HOOKS) out.push({ kind: 'lsm', name: f.name, args: fnArgs(f), ret: f.ret, description: f.description });
  out.push({ kind: 'perf_event', name: 'software/cpu-clock', args: [], description: 'CPU clock sampling (PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK) with stacks' });
  return out;
}

export function kernelFunction(name: string): Fn | undefined {
  return KERNEL_FUNCTIONS.find((f) => f.name === name);
}
export function lsmHook(name: string): Fn | undefined {
  return LSM_HOOKS.find((f) => f.name === name);
}
export function userFunction(name: string): Fn | undefined {
  return USER_FUNCTIONS.find((f) => f.name === name);
}

/** The program kinds that run on an event of `kind` (fentry/fexit share the kprobe/kretprobe moments). */
export function programKindsFor(kind: AttachKind): AttachKind[] {
  if (kind === 'kprobe') return ['kprobe', 'fentry'];
  if (kind === 'kretprobe') return ['kretprobe', 'fexit'];
  if (kind === 'tracepoint') return ['tracepoint', 'raw_tracepoint'];
  return [kind];
}
