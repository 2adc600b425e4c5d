/**
 * The simulated kernel's side of each Op: which events fire, in the order Linux 6.18 fires them,
 * with which arguments, and what the call returns. Each call is a generator that emits events
 * through the World and yields only where the real kernel would stop: at an LSM hook (to learn the
 * attached program's verdict — non-zero denies and becomes the call's error), when the task
 * blocks (sleep, waiting for a child, a key, a connection, a SYN-ACK), for user CPU work, and at
 * exit.
 *
 * Call paths modelled (entry → exit):
 *   openat   sys_enter_openat → do_sys_openat2 → [DAC] → security_file_open → lsm/file_open → ret
 *   read     sys_enter_read → vfs_read → [wait for a tty/socket; CPU time in filemap_read for
 *            reads of ≥ 32 KiB from a file] → vfs_read ret → sys_exit_read  (write likewise)
 *   execve   sys_enter_execve → open binary (security_file_open, lsm/file_open) →
 *            security_bprm_check → lsm/bprm_check_security → sched_process_exec → sys_exit_execve
 *   clone    sys_enter_clone → sched_process_fork → wake_up_new_task → sched_wakeup_new → sys_exit_clone
 *            (and sys_exit_clone = 0 in the child when it first runs)
 *   connect  sys_enter_connect → lsm/socket_connect → tcp_v4_connect → tcp_set_state(SYN_SENT) →
 *            [SYN lost now and then: tcp_retransmit_skb after the 1 s initial RTO] → ESTABLISHED
 *   close    of a TCP socket: tcp_close → FIN_WAIT1, then FIN_WAIT2 and CLOSE from timers
 *
 * Deliberately not here: fd types beyond files/tty/TCP sockets, partial reads of sockets,
 * signals. Provenance: the call orders are facts about Linux (documented in kernel docs and
 * visible with bpftrace on a real 6.18 host); code is our own.
 */
import { SYSCALLS } from './formats.ts';
import { resolvePath } from '../host/fs.ts';
import {
  allocBinprm, allocFile, allocFilename, allocOpenHow, allocPtRegs, allocSock, allocSockaddrIn, setSockAddrs, setSockState, setTaskCred,
} from '../host/kobjects.ts';
import { cstr } from '../host/mem.ts';
import { allocFd, execComm, setComm, userArgv, userBuffer, userString, type OpenFile, type Task } from '../host/task.ts';
import type { Frames, Op } from './ops.ts';
import { AT_FDCWD, EBADF, O_CREAT, O_WRONLY, O_RDWR } from './ops.ts';
import type { LsmEvent } from './types.ts';
import type { TaskRun, World } from './world.ts';

export type KYield =
  | { type: 'lsm'; event: LsmEvent }
  | { type: 'block'; ns?: number }
  /** CPU time on the task's CPU; with `kstack`, spent inside the current system call (perf samples show both stacks). */
  | { type: 'compute'; ns: number; stack: Frames; kstack?: Frames }
  | { type: 'exit' };

export type KGen = Generator<KYield, number, number>;

/** An accepted or connected TCP connection's kernel objects. */
export interface Conn { sk: bigint; socket: bigint; local: [number[], number]; remote: [number[], number]; state: number }

// TCP states (include/net/tcp_states.h)
export const TCP_ESTABLISHED = 1, TCP_SYN_SENT = 2, TCP_SYN_RECV = 3, TCP_FIN_WAIT1 = 4, TCP_FIN_WAIT2 = 5, TCP_CLOSE = 7;

const LIBC = '/lib/x86_64-linux-gnu/libc.so.6';
export const HOST_IP = [10, 0, 0, 2];

const u = (n: number | bigint): bigint => BigInt.asUintN(64, BigInt(n));

const READ_KSTACK: Frames = [
  ['kernel', 'copy_page_to_iter'], ['kernel', 'filemap_read'], ['kernel', 'vfs_read'], ['kernel', 'ksys_read'], ['kernel', '__x64_sys_read'],
  ['kernel', 'x64_sys_call'], ['kernel', 'do_syscall_64'], ['kernel', 'entry_SYSCALL_64_after_hwframe'],
];

/** Default user stack of a program (what a perf sample sees between system calls). */
export function defaultStack(exe: string): Frames {
  const tail: Frames = [[LIBC, '__libc_start_call_main'], [LIBC, '__libc_start_main_impl'], [LIBC, '_start']];
  if (exe === '/usr/sbin/nginx') return [['/usr/sbin/nginx', 'ngx_epoll_process_events'], ['/usr/sbin/nginx', 'ngx_process_events_and_timers'], ['/usr/sbin/nginx', 'ngx_worker_process_cycle'], ['/usr/sbin/nginx', 'main'], ...tail];
  if (exe === '/bin/bash' || exe === '/bin/sh') return [['/bin/bash', 'reader_loop'], ['/bin/bash', 'main'], ...tail];
  return [[LIBC, 'read'], ...tail];
}

/** Start carrying out `op` for task `t`. */
export function runOp(w: World, t: Task, run: TaskRun, op: Op): KGen {
  switch (op.op) {
    case 'openat': return sysOpenat(w, t, op.path, op.flags, op.mode ?? 0);
    case 'read': return sysRead(w, t, op.fd, op.count, op.waitNs);
    case 'write': return sysWrite(w, t, op.fd, op.data);
    case 'close': return sysClose(w, t, op.fd);
    case 'unlinkat': return sysUnlinkat(w, t, op.path);
    case 'execve': return sysExecve(w, t, op);
    case 'fork': return sysClone(w, t, op.child);
    case 'wait': return sysWait4(w, t, run, op.pid);
    case 'exit': return sysExit(w, t, op.code);
    case 'socket': return sysSocket(w, t);
    case 'connect': return sysConnect(w, t, op.fd, op.ip, op.port, op.rttNs);
    case 'accept': return sysAccept4(w, t, op.fd, op.port);
    case 'readline': return readline(w, t, op.line, op.keyNs);
    case 'malloc': return (function* (): KGen { const a = yield* malloc(w, t, op.size); return Number(a & 0x7fffffffn); })();
    case 'sleep': return (function* (): KGen { yield { type: 'block', ns: op.ns }; return 0; })();
    case 'compute': return (function* (): KGen { yield { type: 'compute', ns: op.ns, stack: op.stack }; return 0; })();
  }
}

function enter(w: World, t: Task, name: string, values: Record<string, bigint | number>, strings?: Record<string, string>): void {
  const p = SYSCALLS[name];
  w.bump(w.counts.syscalls, name);
  const args = p.args.map(([, n]) => u(values[n] ?? 0));
  const regs = allocPtRegs(w.ks, p.nr, args);
  const run = w.runs.get(t.pid);
  if (run) run.sysRegs = regs;
  w.tp(t, t.cpu, `syscalls:sys_enter_${name}`, { __syscall_nr: p.nr, ...values }, strings, 0, [regs, BigInt(p.nr)]);
}
/** Thrown out of a system call's generator when it returns to user space with a fatal signal pending (World.step catches it). */
export class KillOnReturn {}

function exit(w: World, t: Task, name: string, ret: number | bigint): void {
  const run = w.runs.get(t.pid);
  const regs = run?.sysRegs ?? 0n;
  w.tp(t, t.cpu, `syscalls:sys_exit_${name}`, { __syscall_nr: SYSCALLS[name].nr, ret: u(ret) }, undefined, 0, [regs, u(ret)]);
  if (run?.pendingKill !== undefined) throw new KillOnReturn();
}

/** The LSM hook and, when a program denied, the bookkeeping; returns the verdict. */
function* hook(w: World, t: Task, name: string, args: bigint[], strings?: Record<string, string>): Generator<KYield, number, number> {
  const ev = w.lsm(t, t.cpu, name, args, strings);
  const verdict: number = yield { type: 'lsm', event: ev };
  if (verdict !== 0) w.bump(w.counts.lsmDenials, name);
  return verdict;
}

/** Open a file object for `path` (DAC checked by the caller), running security_file_open and the file_open hook. */
function* fileOpen(w: World, t: Task, path: string, flags: number, fmode: number): Generator<KYield, { file: bigint; err: number }, number> {
  const file = allocFile(w.ks, w.fs.dentry(path), flags, fmode);
  w.kprobe(t, t.cpu, 'security_file_open', [file], { file: path });
  const v = yield* hook(w, t, 'file_open', [file], { file: path });
  w.kretprobe(t, t.cpu, 'security_file_open', [file], u(v));
  return { file, err: v };
}

function* sysOpenat(w: World, t: Task, pathArg: string, flags: number, mode: number): KGen {
  const path = resolvePath(t.cwd, pathArg);
  const uptr = userString(t.proc, pathArg);
  w.bump(w.counts.opensByPath, pathArg);
  enter(w, t, 'openat', { dfd: u(AT_FDCWD), filename: uptr, flags, mode }, { filename: pathArg });
  const how = allocOpenHow(w.ks, flags, mode);
  w.kprobe(t, t.cpu, 'do_sys_openat2', [u(AT_FDCWD), uptr, how], { filename: pathArg });
  const acc = flags & O_RDWR ? 6 : flags & O_WRONLY ? 2 : 4;
  if (!w.fs.get(path) && flags & O_CREAT) w.fs.add(path, new Uint8Array(0), t.uid, t.gid, 0o100000 | (mode & 0o777 || 0o644));
  let ret = w.fs.access(path, t.uid, t.gid, acc);
  if (ret === 0) {
    const f = w.fs.get(path)!;
    const { file, err } = yield* fileOpen(w, t, path, flags, acc === 4 ? 0x1d : 0x1e);
    ret = err !== 0 ? err : allocFd(t.proc, { kind: f.mode & 0o040000 ? 'dir' : 'file', path, flags, pos: 0, fileAddr: file });
  }
  if (ret < 0) w.bump(w.counts.openFailuresByPath, pathArg);
  w.kretprobe(t, t.cpu, 'do_sys_openat2', [u(AT_FDCWD), uptr, how], u(ret));
  exit(w, t, 'openat', ret);
  return ret;
}

/** The bytes a read of `f` returns (and advances its position). */
function readData(w: World, f: OpenFile, count: number, pending?: string): Uint8Array {
  if (f.kind === 'tty' || f.kind === 'socket') return new TextEncoder().encode(pending ?? '').subarray(0, count);
  if (f.kind === 'dir') return new Uint8Array(0);
  const content = w.fs.get(f.path)?.content ?? new Uint8Array(0);
  const out = content.subarray(f.pos, Math.min(content.length, f.pos + count));
  f.pos += out.length;
  return out;
}

/** read(fd, buf, count); `data` is what a tty/socket delivers after waiting `waitNs`. */
export function* sysRead(w: World, t: Task, fd: number, count: number, waitNs?: number, data?: string): KGen {
  const buf = userBuffer(t.proc, Math.min(count, 4096));
  w.bump(w.counts.readsByComm, t.comm);
  enter(w, t, 'read', { fd, buf, count });
  const f = t.proc.fds.get(fd);
  let ret: number;
  if (!f) ret = -EBADF;
  else {
    const pos = w.ks.alloc(new Uint8Array(8), 8n);
    w.kprobe(t, t.cpu, 'vfs_read', [f.fileAddr, buf, u(count), pos]);
    if (waitNs !== undefined) yield { type: 'block', ns: waitNs };
    if (f.kind === 'file' && count >= 32768) {
      // copying a large file out of the page cache takes a while inside the syscall
      const st = w.runs.get(t.pid)?.stack ?? defaultStack(t.proc.exe);
      yield { type: 'compute', ns: w.rng.range(20_000, 120_000), stack: [[LIBC, 'read'], ...st.filter(([, fn]) => fn !== 'read')], kstack: READ_KSTACK };
    }
    const bytes = readData(w, f, Math.min(count, 4096), data ?? (f.kind === 'socket' ? 'GET / HTTP/1.1\r\nHost: example\r\n\r\n' : undefined));
    t.proc.mem.regionAt(buf)?.set(bytes);
    ret = bytes.length;
    w.kretprobe(t, t.cpu, 'vfs_read', [f.fileAddr, buf, u(count), pos], u(ret));
  }
  exit(w, t, 'read', ret);
  return ret;
}

function* sysWrite(w: World, t: Task, fd: number, data: string): KGen {
  const bytes = new TextEncoder().encode(data);
  const buf = userBuffer(t.proc, bytes.length, bytes);
  enter(w, t, 'write', { fd, buf, count: bytes.length });
  const f = t.proc.fds.get(fd);
  let ret: number;
  if (!f) ret = -EBADF;
  else {
    const pos = w.ks.alloc(new Uint8Array(8), 8n);
    w.kprobe(t, t.cpu, 'vfs_write', [f.fileAddr, buf, u(bytes.length), pos]);
    ret = bytes.length;
    if (f.kind === 'file') {
      const file = w.fs.get(f.path);
      if (file) { const c = new Uint8Array(file.content.length + bytes.length); c.set(file.content); c.set(bytes, file.content.length); file.content = c; }
    }
    if (f.kind === 'socket' && f.sk !== undefined && w.rng.chance(0.04)) {
      // a segment lost: the retransmission timer (min RTO 200 ms) fires in softirq context
      const conn = connOf(f);
      w.at(w.clock.mono + 200_000_000 + w.rng.int(100_000_000), () => retransmit(w, conn));
    }
    w.kretprobe(t, t.cpu, 'vfs_write', [f.fileAddr, buf, u(bytes.length), pos], u(ret));
  }
  exit(w, t, 'write', ret);
  return ret;
}

function connOf(f: OpenFile): Conn {
  return { sk: f.sk!, socket: f.socket!, local: f.local!, remote: f.remote!, state: f.tcpState ?? TCP_ESTABLISHED };
}

function* sysClose(w: World, t: Task, fd: number): KGen {
  enter(w, t, 'close', { fd });
  const f = t.proc.fds.get(fd);
  if (!f) { exit(w, t, 'close', -EBADF); return -EBADF; }
  t.proc.fds.delete(fd);
  if (f.kind === 'socket' && f.sk !== undefined && f.tcpState === TCP_ESTABLISHED) {
    const conn = connOf(f);
    w.kprobe(t, t.cpu, 'tcp_close', [conn.sk, 0n]);
    tcpState(w, t, t.cpu, conn, TCP_FIN_WAIT1);
    f.tcpState = TCP_FIN_WAIT1;
    const rtt = 150_000 + w.rng.int(2_000_000);
    // the peer's ACK and FIN arrive in softirq context on whichever CPU takes the interrupt
    const softirq = (state: number) => () => { const cpu = w.rng.int(w.cpus.length); tcpState(w, w.cpus[cpu].curr, cpu, conn, state, 0x10); };
    w.at(w.clock.mono + rtt, softirq(TCP_FIN_WAIT2));
    w.at(w.clock.mono + 2 * rtt + 50_000, softirq(TCP_CLOSE));
  }
  exit(w, t, 'close', 0);
  return 0;
}

function* sysUnlinkat(w: World, t: Task, pathArg: string): KGen {
  const path = resolvePath(t.cwd, pathArg);
  const uptr = userString(t.proc, pathArg);
  enter(w, t, 'unlinkat', { dfd: u(AT_FDCWD), pathname: uptr, flag: 0 }, { pathname: pathArg });
  const name = allocFilename(w.ks, path, uptr);
  w.kprobe(t, t.cpu, 'do_unlinkat', [u(AT_FDCWD), name], { name: path });
  const f = w.fs.get(path);
  const ret = !f ? -2 : t.uid === 0 || t.uid === f.uid ? 0 : -13;
  if (ret === 0) w.fs.remove(path);
  w.kretprobe(t, t.cpu, 'do_unlinkat', [u(AT_FDCWD), name], u(ret));
  exit(w, t, 'unlinkat', ret);
  return ret;
}

function* sysExecve(w: World, t: Task, op: Extract<Op, { op: 'execve' }>): KGen {
  const path = resolvePath(t.cwd, op.path);
  const fptr = userString(t.proc, op.path);
  const argv = userArgv(t.proc, op.argv);
  const envp = userArgv(t.proc, ['PATH=/usr/bin:/bin', 'LANG=C.UTF-8']);
  w.bump(w.counts.execveByComm, t.comm);
  enter(w, t, 'execve', { filename: fptr, argv, envp }, { filename: op.path, argv: op.argv.join(' ') });
  let ret = w.fs.access(path, t.uid, t.gid, 1);
  let file = 0n;
  let bprmAddr = 0n;
  if (ret === 0) {
    const r = yield* fileOpen(w, t, path, 0o100000 /* O_LARGEFILE */, 0x20 | 0x1d /* FMODE_EXEC|READ */);
    ret = r.err;
    file = r.file;
  }
  if (ret === 0) {
    const bprm = allocBinprm(w.ks, path, file);
    bprmAddr = bprm;
    w.kprobe(t, t.cpu, 'security_bprm_check', [bprm], { filename: path });
    ret = yield* hook(w, t, 'bprm_check_security', [bprm], { filename: path });
    w.kretprobe(t, t.cpu, 'security_bprm_check', [bprm], u(ret));
  }
  if (ret === 0) {
    const f = w.fs.get(path)!;
    if (f.mode & 0o4000) { t.uid = f.uid; setTaskCred(w.ks, t.taskAddr, f.uid, t.gid); }
    setComm(w.ks, t, execComm(path));
    t.proc.exe = path;
    t.proc.argv = op.argv;
    w.runs.get(t.pid)!.stack = defaultStack(path);
    w.tp(t, t.cpu, 'sched:sched_process_exec', { filename: path, pid: t.pid, old_pid: t.pid }, undefined, 0, [t.taskAddr, BigInt(t.pid), bprmAddr]);
    w.bump(w.counts.execByPath, path);
    w.setProgram(t, op.then);
  }
  exit(w, t, 'execve', ret);
  return ret;
}

function* sysClone(w: World, t: Task, child: Extract<Op, { op: 'fork' }>['child']): KGen {
  const ctid = userBuffer(t.proc, 4);
  enter(w, t, 'clone', { clone_flags: 0x01200011, newsp: 0, parent_tidptr: 0, child_tidptr: ctid, tls: 0 });
  const c = w.forkTask(t, child);
  w.counts.forks++;
  w.runs.get(c.pid)!.kgen = (function* (): KGen { exit(w, c, 'clone', 0); return 0; })();
  w.runs.get(c.pid)!.stack = w.runs.get(t.pid)!.stack;
  w.tp(t, t.cpu, 'sched:sched_process_fork', { parent_comm: t.comm, parent_pid: t.pid, child_comm: c.comm, child_pid: c.pid }, undefined, 0, [t.taskAddr, c.taskAddr]);
  w.kprobe(t, t.cpu, 'wake_up_new_task', [c.taskAddr]);
  w.wake(c, true);
  exit(w, t, 'clone', c.pid);
  return c.pid;
}

function* sysWait4(w: World, t: Task, run: TaskRun, pid: number): KGen {
  enter(w, t, 'wait4', { upid: u(pid), stat_addr: userBuffer(t.proc, 4), options: 0, ru: 0 });
  let ret = -10; // ECHILD
  for (;;) {
    const i = run.zombies.findIndex((z) => pid === -1 || z === pid);
    if (i >= 0) { ret = run.zombies.splice(i, 1)[0]; run.children.delete(ret); break; }
    if (!(pid === -1 ? run.children.size > 0 : run.children.has(pid))) break;
    run.waitingFor = pid;
    yield { type: 'block' };
  }
  run.waitingFor = undefined;
  exit(w, t, 'wait4', ret);
  return ret;
}

function* sysExit(w: World, t: Task, code: number): KGen {
  enter(w, t, 'exit_group', { error_code: code });
  w.kprobe(t, t.cpu, 'do_exit', [u(code << 8)]);
  w.tp(t, t.cpu, 'sched:sched_process_exit', { comm: t.comm, pid: t.pid, prio: t.prio, group_dead: 1 }, undefined, 0, [t.taskAddr, 1n]);
  w.counts.exits++;
  t.exitCode = code;
  const parent = w.tasks.get(t.ppid);
  const prun = parent && w.runs.get(parent.pid);
  if (parent && prun) {
    prun.zombies.push(t.pid);
    if (prun.waitingFor === -1 || prun.waitingFor === t.pid) w.wakeBlocked(parent);
  }
  yield { type: 'exit' };
  return 0;
}

/** A task killed by a fatal signal on its way back to user space: do_exit(sig), no exit_group. */
export function* killedBySignal(w: World, t: Task, sig: number): KGen {
  w.kprobe(t, t.cpu, 'do_exit', [u(sig)]);
  w.tp(t, t.cpu, 'sched:sched_process_exit', { comm: t.comm, pid: t.pid, prio: t.prio, group_dead: 1 }, undefined, 0, [t.taskAddr, 1n]);
  w.counts.exits++;
  t.exitCode = 128 + sig;
  const parent = w.tasks.get(t.ppid);
  const prun = parent && w.runs.get(parent.pid);
  if (parent && prun) {
    prun.zombies.push(t.pid);
    if (prun.waitingFor === -1 || prun.waitingFor === t.pid) w.wakeBlocked(parent);
  }
  yield { type: 'exit' };
  return 0;
}

function* sysSocket(w: World, t: Task): KGen {
  enter(w, t, 'socket', { family: 2, type: 1, protocol: 0 });
  const { sk, socket } = allocSock(w.ks, 2);
  const file = allocFile(w.ks, w.fs.dentry('/'), 2, 0x1f);
  const fd = allocFd(t.proc, { kind: 'socket', path: 'TCP', flags: 2, pos: 0, fileAddr: file, sk, socket, tcpState: TCP_CLOSE });
  exit(w, t, 'socket', fd);
  return fd;
}

function* sysConnect(w: World, t: Task, fd: number, ip: number[], port: number, rttNs: number): KGen {
  const us = userBuffer(t.proc, 16, new Uint8Array([2, 0, port >> 8, port & 0xff, ...ip]));
  w.bump(w.counts.connects, `${ip.join('.')}:${port}`);
  enter(w, t, 'connect', { fd, uservaddr: us, addrlen: 16 }, { uservaddr: `${ip.join('.')}:${port}` });
  const f = t.proc.fds.get(fd);
  if (!f || f.sk === undefined) { exit(w, t, 'connect', -EBADF); return -EBADF; }
  const kaddr = allocSockaddrIn(w.ks, ip, port);
  let ret = yield* hook(w, t, 'socket_connect', [f.socket!, kaddr, 16n], { address: `${ip.join('.')}:${port}` });
  if (ret === 0) {
    w.kprobe(t, t.cpu, 'tcp_v4_connect', [f.sk, kaddr, 16n]);
    const sport = 32768 + w.rng.int(28232);
    setSockAddrs(w.ks, f.sk, HOST_IP, sport, ip, port);
    f.local = [HOST_IP, sport];
    f.remote = [ip, port];
    const conn = connOf(f);
    conn.state = TCP_CLOSE;
    tcpState(w, t, t.cpu, conn, TCP_SYN_SENT);
    w.kretprobe(t, t.cpu, 'tcp_v4_connect', [f.sk, kaddr, 16n], 0n);
    let wait = rttNs;
    if (w.rng.chance(0.1)) {
      // the SYN was lost: retransmitted when the 1 s initial RTO expires
      w.at(w.clock.mono + 1_000_000_000, () => retransmit(w, { ...conn, state: TCP_SYN_SENT }));
      wait += 1_000_000_000;
    }
    yield { type: 'block', ns: wait };
    tcpState(w, t, t.cpu, { ...conn, state: TCP_SYN_SENT }, TCP_ESTABLISHED);
    f.tcpState = TCP_ESTABLISHED;
    ret = 0;
  }
  exit(w, t, 'connect', ret);
  return ret;
}

/** A connection arriving on a listening port (softirq context): SYN_RECV → ESTABLISHED, then queued for accept. */
export function arrive(w: World, port: number, peer: number[], peerPort: number): void {
  const { sk, socket } = allocSock(w.ks, 2);
  setSockAddrs(w.ks, sk, HOST_IP, port, peer, peerPort);
  const conn: Conn = { sk, socket, local: [HOST_IP, port], remote: [peer, peerPort], state: TCP_SYN_RECV };
  const cpu = w.rng.int(w.cpus.length);
  tcpState(w, w.cpus[cpu].curr, cpu, conn, TCP_ESTABLISHED, 0x10);
  let l = w.listeners.get(port);
  if (!l) { l = { backlog: [], waiting: [] }; w.listeners.set(port, l); }
  l.backlog.push({ ...conn, state: TCP_ESTABLISHED });
  const waiter = l.waiting.shift();
  if (waiter) w.wakeBlocked(waiter);
}

function* sysAccept4(w: World, t: Task, fd: number, port: number): KGen {
  enter(w, t, 'accept4', { fd, upeer_sockaddr: userBuffer(t.proc, 16), upeer_addrlen: userBuffer(t.proc, 4), flags: 0x800 });
  const lf = t.proc.fds.get(fd);
  const lsk = lf?.sk ?? 0n;
  w.kprobe(t, t.cpu, 'inet_csk_accept', [lsk, 0n]);
  let l = w.listeners.get(port);
  if (!l) { l = { backlog: [], waiting: [] }; w.listeners.set(port, l); }
  while (l.backlog.length === 0) {
    l.waiting.push(t);
    yield { type: 'block' };
  }
  const c = l.backlog.shift()!;
  w.kretprobe(t, t.cpu, 'inet_csk_accept', [lsk, 0n], c.sk);
  const file = allocFile(w.ks, w.fs.dentry('/'), 2, 0x1f);
  const nfd = allocFd(t.proc, { kind: 'socket', path: 'TCP', flags: 2, pos: 0, fileAddr: file, sk: c.sk, socket: c.socket, local: c.local, remote: c.remote, tcpState: TCP_ESTABLISHED });
  exit(w, t, 'accept4', nfd);
  return nfd;
}

/** tcp_set_state(sk, state) and the sock:inet_sock_set_state tracepoint. */
export function tcpState(w: World, t: Task | null, cpu: number, c: Conn, state: number, flags = 0): void {
  w.kprobe(t, cpu, 'tcp_set_state', [c.sk, BigInt(state)]);
  w.tp(t, cpu, 'sock:inet_sock_set_state', {
    skaddr: c.sk, oldstate: c.state, newstate: state, sport: c.local[1], dport: c.remote[1], family: 2, protocol: 6,
    saddr: new Uint8Array(c.local[0]), daddr: new Uint8Array(c.remote[0]),
    saddr_v6: v4mapped(c.local[0]), daddr_v6: v4mapped(c.remote[0]),
  }, undefined, flags, [c.sk, u(c.state), BigInt(state)]);
  w.counts.tcpStateChanges++;
  c.state = state;
  setSockState(w.ks, c.sk, state);
}

function v4mapped(ip: number[]): Uint8Array {
  return new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...ip]);
}

/** A retransmission in timer (softirq) context on some CPU. */
export function retransmit(w: World, c: Conn): void {
  const cpu = w.rng.int(w.cpus.length);
  const cur = w.cpus[cpu].curr;
  const skb = w.ks.alloc(new Uint8Array(232), 64n);
  w.kprobe(cur, cpu, 'tcp_retransmit_skb', [c.sk, skb, 1n]);
  w.tp(cur, cpu, 'tcp:tcp_retransmit_skb', {
    skbaddr: skb, skaddr: c.sk, state: c.state, sport: c.local[1], dport: c.remote[1], family: 2,
    saddr: new Uint8Array(c.local[0]), daddr: new Uint8Array(c.remote[0]), saddr_v6: v4mapped(c.local[0]), daddr_v6: v4mapped(c.remote[0]), err: 0,
  }, undefined, 0x10, [c.sk, skb, 0n]);
  w.counts.retransmits++;
}

function* readline(w: World, t: Task, line: string, keyNs: number): KGen {
  const prompt = userString(t.proc, '$ ');
  w.uprobe(t, t.cpu, '/bin/bash:readline', [prompt]);
  for (const ch of line + '\n') yield* sysRead(w, t, 0, 1, keyNs, ch);
  const addr = yield* malloc(w, t, line.length + 1);
  t.proc.heap.map(addr, cstr(line));
  w.uprobe(t, t.cpu, '/bin/bash:readline', [prompt], addr, { ret: line });
  return 0;
}

function* malloc(w: World, t: Task, size: number): Generator<KYield, bigint, number> {
  w.uprobe(t, t.cpu, `${LIBC}:malloc`, [BigInt(size)]);
  const addr = t.proc.heap.alloc(new Uint8Array(Math.max(size, 1)), 16n);
  w.uprobe(t, t.cpu, `${LIBC}:malloc`, [BigInt(size)], addr);
  return addr;
}
