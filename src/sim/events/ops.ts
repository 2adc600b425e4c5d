/**
 * What a simulated user program asks of the kernel: one `Op` per system call (or per user-space
 * activity a probe can see: readline, malloc, pure CPU work). Workloads are generators yielding
 * Ops and receiving each call's return value (a count, an fd, or a negative errno), so a denied
 * open really gives -EPERM to the program, which then behaves as a real one would.
 *
 * Deliberately not here: how the kernel carries an Op out (kernel.ts). Provenance: our own.
 */
import type { Rng } from '../rng.ts';

export type Frames = readonly [module: string, fn: string][];

export type Op =
  | { op: 'openat'; path: string; flags: number; mode?: number }
  | { op: 'read'; fd: number; count: number; /** a socket/tty read that waits this long for data */ waitNs?: number }
  | { op: 'write'; fd: number; data: string }
  | { op: 'close'; fd: number }
  | { op: 'unlinkat'; path: string }
  /** On success the process image becomes `then`; on failure the call returns -errno to the old program. */
  | { op: 'execve'; path: string; argv: string[]; then: Program }
  /** clone(): returns the child's pid to the parent; the child runs `child`. */
  | { op: 'fork'; child: Program }
  | { op: 'wait'; pid: number }
  | { op: 'exit'; code: number }
  | { op: 'socket' }
  | { op: 'connect'; fd: number; ip: number[]; port: number; rttNs: number }
  | { op: 'accept'; fd: number; port: number }
  /** bash's readline(): the keystrokes arrive as 1-byte reads of the tty `keyNs` apart. */
  | { op: 'readline'; line: string; keyNs: number }
  | { op: 'malloc'; size: number }
  /** Sleep (nanosleep/epoll timeout) without other events. */
  | { op: 'sleep'; ns: number }
  /** Pure user-space CPU work with this stack (perf samples see it). */
  | { op: 'compute'; ns: number; stack: Frames };

export interface ProgCtx {
  rng: Rng;
  pid: () => number;
  /** Current CLOCK_MONOTONIC ns. */
  now: () => number;
  /** World end (programs stop starting new work after it). */
  endNs: number;
}

export type Program = (ctx: ProgCtx) => Generator<Op, void, number>;

// open(2) flags and modes used by the workloads (x86_64 values)
export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_CREAT = 0o100;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DIRECTORY = 0o200000;
export const O_CLOEXEC = 0o2000000;
export const AT_FDCWD = -100;

/** errno values (positive; syscalls return them negated). */
export const ENOENT = 2;
export const EACCES = 13;
export const EPERM = 1;
export const ECONNREFUSED = 111;
export const EBADF = 9;
