/**
 * Processes and threads of the simulated host: identity (pid, tgid, ppid, comm, uid/gid, cgroup),
 * cwd, the fd table, the user address space with its string arena and heap, and the kernel
 * task_struct each one has in the kernel address space.
 *
 * Deliberately not here: signals, sessions/process groups, namespaces (every pid is the init
 * namespace's), threads beyond the one-thread-per-process the workloads use (tgid is kept
 * separate from pid so they could). Provenance: our own code.
 */
import { AddressSpace, cstr, putU64 } from './mem.ts';
import { allocTask, updateTask } from './kobjects.ts';

export type TaskState = 'R' | 'S' | 'D' | 'Z' | 'X';

export interface OpenFile {
  kind: 'file' | 'tty' | 'socket' | 'dir';
  path: string;
  flags: number;
  pos: number;
  /** struct file * in kernel space. */
  fileAddr: bigint;
  /** TCP sockets: struct sock * / struct socket *, and the 4-tuple. */
  sk?: bigint;
  socket?: bigint;
  local?: [number[], number];
  remote?: [number[], number];
  tcpState?: number;
}

/** What a process shares among its threads. */
export interface Proc {
  tgid: number;
  exe: string;
  argv: string[];
  fds: Map<number, OpenFile>;
  mem: AddressSpace;
  heap: AddressSpace;
}

export interface Task {
  pid: number;
  tgid: number;
  ppid: number;
  comm: string;
  uid: number;
  gid: number;
  cgroupId: bigint;
  cwd: string;
  prio: number;
  startNs: number;
  taskAddr: bigint;
  proc: Proc;
  state: TaskState;
  /** CPU it last ran on (or runs on). */
  cpu: number;
  exitCode?: number;
}

/** Per-process arenas sit at base + (tgid mod 4096) × 16 MiB: below 0x7ffffffff000, the top of x86_64 user space. */
export const USER_STACK_BASE = 0x7ff000000000n;
export const USER_HEAP_BASE = 0x55a000000000n;

/** A fresh user address space: a 1 MiB "stack" arena for syscall strings and a heap for malloc. */
export function newProc(tgid: number, exe: string, argv: string[]): Proc {
  const slot = BigInt(tgid & 0xfff);
  return {
    tgid, exe, argv, fds: new Map(),
    mem: new AddressSpace(`user:${tgid}`, USER_STACK_BASE + (slot << 24n), 0x100000n),
    heap: new AddressSpace(`heap:${tgid}`, USER_HEAP_BASE + (slot << 28n), 0x1000000n),
  };
}

/** Place a string in the task's user memory; returns its user address. */
export function userString(p: Proc, s: string): bigint {
  return p.mem.alloc(cstr(s), 8n);
}

/** Place a NULL-terminated `char *argv[]` (the strings and the pointer array); returns the array's address. */
export function userArgv(p: Proc, args: readonly string[]): bigint {
  const ptrs = args.map((a) => userString(p, a));
  const arr = new Uint8Array(8 * (ptrs.length + 1));
  ptrs.forEach((v, i) => putU64(arr, 8 * i, v));
  return p.mem.alloc(arr, 8n);
}

/** A userspace read/write buffer of `n` bytes holding `data` (zero-padded). */
export function userBuffer(p: Proc, n: number, data?: Uint8Array): bigint {
  const b = new Uint8Array(Math.max(n, 1));
  if (data) b.set(data.subarray(0, n));
  return p.mem.alloc(b, 16n);
}

export interface TaskInit {
  pid: number; tgid?: number; ppid: number; comm: string; uid: number; gid: number; cgroupId: bigint; cwd: string;
  proc: Proc; startNs: number; bootNs: number; parentAddr: bigint; cpu: number;
}

export function newTask(ks: AddressSpace, i: TaskInit): Task {
  const tgid = i.tgid ?? i.pid;
  const taskAddr = allocTask(ks, {
    pid: i.pid, tgid, comm: i.comm, uid: i.uid, gid: i.gid, realParent: i.parentAddr, startTimeNs: i.startNs, bootNs: i.bootNs, prio: 120,
  });
  return {
    pid: i.pid, tgid, ppid: i.ppid, comm: i.comm, uid: i.uid, gid: i.gid, cgroupId: i.cgroupId, cwd: i.cwd, prio: 120,
    startNs: i.startNs, taskAddr, proc: i.proc, state: 'R', cpu: i.cpu,
  };
}

/** exec: the comm becomes the file's basename truncated to TASK_COMM_LEN-1 (15) bytes. */
export function execComm(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.slice(0, 15);
}

export function setComm(ks: AddressSpace, t: Task, comm: string): void {
  t.comm = comm;
  updateTask(ks, t.taskAddr, { comm });
}

/** Lowest free fd, as the kernel allocates them. */
export function allocFd(p: Proc, f: OpenFile): number {
  let fd = 0;
  while (p.fds.has(fd)) fd++;
  p.fds.set(fd, f);
  return fd;
}
