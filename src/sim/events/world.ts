/**
 * The kernel event generator: `createWorld({seed, cpus, workloads, durationNs})` builds a simulated
 * host (clock, CPUs, processes, files, kernel objects), starts the chosen workloads and yields
 * the events the kernel would fire for them, in time order, lazily. The world keeps its own
 * counts of what happened (execs per comm, reads per comm, opens per path, …) independently of
 * the event stream, for example tests to compare program outputs against.
 *
 * Execution model: a discrete-event agenda of task steps, wake-ups, connection arrivals, TCP
 * timers and perf-sample ticks, processed in time order. A task step carries out one system call
 * (kernel.ts) emitting its events; it may suspend at an LSM hook — the runtime runs the attached
 * program on that event and calls `hookVerdict(id, value)` before pulling the next event, and the
 * call resumes with that verdict — or block (sleep, wait for a child, wait for data), which
 * switches the CPU to another task. Events are serialised: the clock only moves forward.
 *
 * Deliberately not here: running programs (src/kernel/run), preemption by time slice, real
 * concurrency inside one syscall. Provenance: our own code.
 */
import { Rng, type Seed } from '../rng.ts';
import { Clock } from '../host/clock.ts';
import { selectCpu, type Cpu } from '../host/cpus.ts';
import { FileSystem } from '../host/fs.ts';
import { createKernelSpace } from '../host/kobjects.ts';
import type { AddressSpace } from '../host/mem.ts';
import { frames, symAddr } from '../host/symbols.ts';
import { newProc, newTask, type Proc, type Task } from '../host/task.ts';
import { encodeRecord, tracepointFormat, type FieldValue } from './formats.ts';
import { kernelFunction, userFunction, ARG_REGS } from './catalog.ts';
import { KillOnReturn, killedBySignal, runOp, type KGen, type KYield, type Conn } from './kernel.ts';
import type { Frames, Op, Program } from './ops.ts';
import type { LsmEvent, PtRegs, SimEvent, TaskRef } from './types.ts';
import { WORKLOADS, type WorkloadName } from './workloads.ts';

export interface WorldOptions {
  seed: Seed;
  /** Number of CPUs (1..64); default 4. */
  cpus?: number;
  /** Which workloads run; default all four. */
  workloads?: readonly WorkloadName[];
  /** Simulated time to run, ns; default 2 s. */
  durationNs?: number;
  /** perf-event sampling frequency per CPU (Hz); 0 disables; default 99. */
  sampleHz?: number;
}

export interface WorldCounts {
  /** Events emitted per attach point, keyed `kind:name` (e.g. `tracepoint:syscalls/sys_enter_read`). */
  events: Record<string, number>;
  /** System calls entered, per syscall name. */
  syscalls: Record<string, number>;
  /** execve() calls per calling comm. */
  execveByComm: Record<string, number>;
  /** Successful execs per program path. */
  execByPath: Record<string, number>;
  /** read() calls per comm. */
  readsByComm: Record<string, number>;
  /** openat() attempts per path as passed (what opensnoop prints), and how many of them failed (any errno). */
  opensByPath: Record<string, number>;
  openFailuresByPath: Record<string, number>;
  forks: number;
  exits: number;
  /** Outgoing TCP connects per `a.b.c.d:port`. */
  connects: Record<string, number>;
  tcpStateChanges: number;
  retransmits: number;
  perfSamplesPerCpu: number[];
  /** LSM denials per hook name. */
  lsmDenials: Record<string, number>;
  /** Run-queue latencies (ns, wakeup → switch-in), one per wake-up. */
  runqLatencyNs: number[];
  /** Signals sent to tasks (bpf_send_signal), per signal number, and tasks they killed, per comm. */
  signals: Record<string, number>;
  killedByComm: Record<string, number>;
}

type Item =
  | { t: number; seq: number; type: 'step'; task: Task; gen: number }
  | { t: number; seq: number; type: 'wake'; task: Task; gen: number }
  | { t: number; seq: number; type: 'sample'; cpu: number }
  | { t: number; seq: number; type: 'call'; fn: () => void };

/** Everything the kernel side (kernel.ts) keeps about a task besides the Task record. */
export interface TaskRun {
  prog: Generator<Op, void, number>;
  kgen?: KGen;
  lastResult: number;
  /** Bumped whenever a pending step/wake is superseded. */
  gen: number;
  pendingLsm?: LsmEvent;
  /** The user registers the current syscall was entered with (raw sys_enter/sys_exit point at them). */
  sysRegs?: bigint;
  /** User stack while it runs in user mode. */
  stack: Frames;
  /** Kernel stack while it burns CPU inside a system call (cleared when it continues). */
  kstack?: Frames;
  wakeQueuedAt?: number;
  waitingFor?: number | 'any';
  children: Set<number>;
  zombies: number[];
  exited?: boolean;
  /** A fatal signal waiting for the task's return to user space. */
  pendingKill?: number;
  /** Killed by a signal: further signals are ignored. */
  dying?: boolean;
}

export class World implements Iterable<SimEvent> {
  readonly rng: Rng;
  readonly clock: Clock;
  readonly cpus: Cpu[];
  readonly ks: AddressSpace;
  readonly fs: FileSystem;
  readonly endNs: number;
  readonly tasks = new Map<number, Task>();
  readonly runs = new Map<number, TaskRun>();
  readonly counts: WorldCounts;
  readonly listeners = new Map<number, { backlog: Conn[]; waiting: Task[] }>();
  private readonly agenda: Item[] = [];
  private readonly pending: SimEvent[] = [];
  private pendingHead = 0;
  private seq = 0;
  private nextId = 0;
  private nextPid = 1000;
  private readonly lsmById = new Map<number, LsmEvent>();
  private readonly idleRefs: TaskRef[];
  private readonly refCache = new WeakMap<Task, TaskRef>();
  private readonly samplePeriodNs: number;
  /** The task whose step is running (the "current" task for events it emits). */
  cur: Task | null = null;

  constructor(opts: WorldOptions) {
    const bad = checkWorldOptions(opts);
    if (bad) throw new RangeError(bad);
    const ncpu = opts.cpus ?? 4;
    this.rng = new Rng(opts.seed);
    const startMono = 3_600_000_000_000 + this.rng.fork('clock').int(1_000_000) * 1000;
    this.clock = new Clock(startMono, 0, 1_790_000_000_000_000_000n);
    this.endNs = startMono + (opts.durationNs ?? 2_000_000_000);
    this.ks = createKernelSpace();
    this.fs = new FileSystem(this.ks);
    this.cpus = [];
    this.idleRefs = [];
    for (let i = 0; i < ncpu; i++) {
      const idle = newTask(this.ks, {
        pid: 0, ppid: 0, comm: `swapper/${i}`, uid: 0, gid: 0, cgroupId: 1n, cwd: '/', proc: newProc(0, '', []),
        startNs: 0, bootNs: 0, parentAddr: 0n, cpu: i,
      });
      this.cpus.push({ id: i, curr: null, runq: [], idleAddr: idle.taskAddr, incoming: null });
      this.idleRefs.push({ pid: 0, tgid: 0, ppid: 0, comm: idle.comm, uid: 0, gid: 0, cgroupId: 1n, taskAddr: idle.taskAddr });
    }
    this.counts = {
      events: {}, syscalls: {}, execveByComm: {}, execByPath: {}, readsByComm: {}, opensByPath: {}, openFailuresByPath: {},
      forks: 0, exits: 0, connects: {}, tcpStateChanges: 0, retransmits: 0, perfSamplesPerCpu: new Array(ncpu).fill(0),
      lsmDenials: {}, runqLatencyNs: [], signals: {}, killedByComm: {},
    };
    const hz = opts.sampleHz ?? 99;
    this.samplePeriodNs = hz > 0 ? Math.round(1e9 / hz) : 0;
    if (this.samplePeriodNs > 0) {
      const r = this.rng.fork('perf');
      for (let c = 0; c < ncpu; c++) this.push({ t: startMono + r.int(this.samplePeriodNs), seq: 0, type: 'sample', cpu: c });
    }
    const names = opts.workloads ?? (Object.keys(WORKLOADS) as WorkloadName[]);
    for (const name of names) WORKLOADS[name](this, this.rng.fork(`workload:${name}`));
  }

  // ---- public API ----------------------------------------------------------------------------

  [Symbol.iterator](): Iterator<SimEvent> {
    return { next: () => { const e = this.next(); return e ? { value: e, done: false } : { value: undefined, done: true }; } };
  }

  /** The next event in time order, or undefined when the world has run its duration. */
  next(): SimEvent | undefined {
    while (this.pendingHead >= this.pending.length) {
      this.pending.length = 0;
      this.pendingHead = 0;
      const it = this.pop();
      if (!it || it.t > this.endNs) return undefined;
      this.run(it);
    }
    return this.pending[this.pendingHead++];
  }

  /** Set the verdict of LSM event `eventId` (0 allows, a negative errno denies). Call before pulling the next event. */
  hookVerdict(eventId: number, value: number): { ok: true } | { ok: false; error: string } {
    const ev = this.lsmById.get(eventId);
    if (!ev) return { ok: false, error: `event ${eventId} is not an LSM hook event awaiting a verdict` };
    if (!Number.isInteger(value)) return { ok: false, error: `verdict must be an integer, got ${value}` };
    ev.verdict = value;
    return { ok: true };
  }

  /**
   * Send signal `sig` to task `pid` (bpf_send_signal): 0, or -ESRCH when there is no such live task.
   * Signals whose default action terminates (all but SIGCHLD, SIGCONT, SIGSTOP/TSTP/TTIN/TTOU,
   * SIGURG, SIGWINCH and 0) kill the task when it next returns to user space: it exits with the
   * signal (do_exit, sched_process_exit) without calling exit_group.
   */
  signal(pid: number, sig: number): number {
    const t = this.tasks.get(pid);
    const run = this.runs.get(pid);
    if (!t || !run || run.exited || pid === 0) return -3;
    this.bump(this.counts.signals, String(sig));
    if (sig !== 0 && !NON_FATAL_SIGNALS.has(sig) && run.pendingKill === undefined && !run.dying) run.pendingKill = sig;
    return 0;
  }

  /** Copy `len` bytes of task `pid`'s user memory (bpf_probe_read_user); undefined on a bad address. */
  readUser(pid: number, addr: bigint, len: number): Uint8Array | undefined {
    return this.tasks.get(pid)?.proc.mem.read(addr, len) ?? this.tasks.get(pid)?.proc.heap.read(addr, len);
  }
  /** A NUL-terminated string from task `pid`'s user memory (bpf_probe_read_user_str), at most `max` bytes. */
  readUserString(pid: number, addr: bigint, max = 4096): string | undefined {
    const p = this.tasks.get(pid)?.proc;
    return p?.mem.readString(addr, max) ?? p?.heap.readString(addr, max);
  }
  /** A NUL-terminated kernel string (bpf_probe_read_kernel_str), at most `max` bytes. */
  readKernelString(addr: bigint, max = 4096): string | undefined {
    return this.ks.readString(addr, max);
  }
  /** Copy `len` bytes of kernel memory (bpf_probe_read_kernel); undefined on a bad address. */
  readKernel(addr: bigint, len: number): Uint8Array | undefined {
    return this.ks.read(addr, len);
  }

  // ---- event emission (used by kernel.ts and the workloads) ----------------------------------

  /** Current task's ref (or the CPU's idle task in interrupt context). */
  ref(t: Task | null, cpu: number): TaskRef {
    if (!t) return this.idleRefs[cpu];
    let r = this.refCache.get(t);
    if (!r || r.comm !== t.comm || r.uid !== t.uid) {
      r = { pid: t.pid, tgid: t.tgid, ppid: t.ppid, comm: t.comm, uid: t.uid, gid: t.gid, cgroupId: t.cgroupId, taskAddr: t.taskAddr };
      this.refCache.set(t, r);
    }
    return r;
  }

  private stamp(): number {
    return this.clock.advanceTo(this.clock.mono + this.rng.range(60, 700));
  }

  private base(kind: SimEvent['kind'], name: string, t: Task | null, cpu: number) {
    const ts = this.stamp();
    this.counts.events[`${kind}:${name}`] = (this.counts.events[`${kind}:${name}`] ?? 0) + 1;
    return { id: this.nextId++, ts, bootTs: ts + this.clock.suspendedNs, cpu, task: this.ref(t, cpu), kind, name };
  }

  /** A classic tracepoint `group:name` with field values; `flags` is common_flags (0x10 = softirq). */
  tp(t: Task | null, cpu: number, key: string, values: Record<string, FieldValue>, strings?: Record<string, string>, flags = 0, raw?: bigint[]): void {
    const fmt = tracepointFormat(key);
    if (!fmt) throw new Error(`internal: no format ${key}`);
    const name = key.replace(':', '/');
    const b = this.base('tracepoint', name, t, cpu);
    const record = encodeRecord(fmt, { pid: t?.pid ?? 0, flags }, values);
    this.pending.push({ ...b, kind: 'tracepoint', fields: values, record, rawArgs: raw ?? [], ...(strings ? { strings } : {}) });
  }

  private regs(args: bigint[], ip: bigint, ax = 0n): PtRegs {
    const r: PtRegs = { di: 0n, si: 0n, dx: 0n, cx: 0n, r8: 0n, r9: 0n, ax, ip, sp: 0xffffc90000a3fd48n, bp: 0xffffc90000a3fd90n };
    args.forEach((v, i) => { if (i < 6) r[ARG_REGS[i]] = BigInt.asUintN(64, v); });
    return r;
  }

  /** Entry of kernel function `fn` (fires kprobe and fentry programs). */
  kprobe(t: Task | null, cpu: number, fn: string, args: bigint[], strings?: Record<string, string>): void {
    if (!kernelFunction(fn)) throw new Error(`internal: ${fn} not in catalog`);
    const b = this.base('kprobe', fn, t, cpu);
    this.pending.push({ ...b, kind: 'kprobe', args, regs: this.regs(args, symAddr(fn)), ...(strings ? { strings } : {}) });
  }

  /** Return of kernel function `fn` (kretprobe and fexit). */
  kretprobe(t: Task | null, cpu: number, fn: string, args: bigint[], ret: bigint): void {
    const b = this.base('kretprobe', fn, t, cpu);
    const r = BigInt.asUintN(64, ret);
    this.pending.push({ ...b, kind: 'kretprobe', args, ret: r, regs: this.regs([], symAddr('do_syscall_64', 0x70), r) });
  }

  /** uprobe / uretprobe on `binary:symbol`. */
  uprobe(t: Task, cpu: number, fn: string, args: bigint[], ret?: bigint, strings?: Record<string, string>): void {
    if (!userFunction(fn)) throw new Error(`internal: ${fn} not in catalog`);
    const [mod, sym] = [fn.slice(0, fn.lastIndexOf(':')), fn.slice(fn.lastIndexOf(':') + 1)];
    const kind = ret === undefined ? 'uprobe' : 'uretprobe';
    const b = this.base(kind, fn, t, cpu);
    const r = ret === undefined ? 0n : BigInt.asUintN(64, ret);
    const ip = symAddr(sym, 0, mod);
    this.pending.push({ ...b, kind, args, ...(ret === undefined ? {} : { ret: r }), regs: this.regs(args, ip, r), ...(strings ? { strings } : {}) });
  }

  /** An LSM hook: emits the event and returns it; the caller (a kernel generator) yields it to learn the verdict. */
  lsm(t: Task, cpu: number, hook: string, args: bigint[], strings?: Record<string, string>): LsmEvent {
    const b = this.base('lsm', hook, t, cpu);
    const ev: LsmEvent = { ...b, kind: 'lsm', args, verdict: 0, ...(strings ? { strings } : {}) };
    this.pending.push(ev);
    this.lsmById.set(ev.id, ev);
    return ev;
  }

  bump(rec: Record<string, number>, key: string): void {
    rec[key] = (rec[key] ?? 0) + 1;
  }

  // ---- processes -----------------------------------------------------------------------------

  /** Start a process (workload setup): it first runs at `atNs`. */
  spawn(p: { comm: string; exe: string; uid: number; gid: number; cgroupId: bigint; cwd: string; ppid: number; prog: Program; atNs: number; parent?: Task }): Task {
    const pid = this.nextPid;
    this.nextPid += 1 + this.rng.int(3);
    const t = newTask(this.ks, {
      pid, ppid: p.ppid, comm: p.comm, uid: p.uid, gid: p.gid, cgroupId: p.cgroupId, cwd: p.cwd, proc: newProc(pid, p.exe, [p.exe]),
      startNs: this.clock.mono - this.rng.int(1e9), bootNs: this.clock.mono, parentAddr: p.parent?.taskAddr ?? 0n, cpu: pid % this.cpus.length,
    });
    t.state = 'S';
    this.register(t, p.prog);
    this.push({ t: p.atNs, seq: 0, type: 'wake', task: t, gen: 0 });
    return t;
  }

  /** A forked child of `parent` (shares nothing but copies of fds and cwd). */
  forkTask(parent: Task, prog: Program): Task {
    const pid = this.nextPid;
    this.nextPid += 1 + this.rng.int(2);
    const proc: Proc = newProc(pid, parent.proc.exe, parent.proc.argv);
    for (const [fd, f] of parent.proc.fds) proc.fds.set(fd, f);
    const t = newTask(this.ks, {
      pid, ppid: parent.tgid, comm: parent.comm, uid: parent.uid, gid: parent.gid, cgroupId: parent.cgroupId, cwd: parent.cwd,
      proc, startNs: this.clock.mono, bootNs: this.clock.boot, parentAddr: parent.taskAddr, cpu: parent.cpu,
    });
    this.register(t, prog);
    this.runs.get(parent.pid)!.children.add(pid);
    return t;
  }

  private register(t: Task, prog: Program): void {
    this.tasks.set(t.pid, t);
    const ctx = { rng: this.rng.fork(`task:${t.pid}`), pid: () => t.pid, now: () => this.clock.mono, endNs: this.endNs };
    this.runs.set(t.pid, { prog: prog(ctx), lastResult: 0, gen: 0, stack: [], children: new Set(), zombies: [] });
  }

  /** Replace the program a task runs (successful exec). */
  setProgram(t: Task, prog: Program): void {
    const run = this.runs.get(t.pid)!;
    const ctx = { rng: this.rng.fork(`task:${t.pid}:${t.comm}`), pid: () => t.pid, now: () => this.clock.mono, endNs: this.endNs };
    run.prog = prog(ctx);
    run.lastResult = 0;
  }

  // ---- scheduling ----------------------------------------------------------------------------

  push(it: Item): void {
    it.seq = this.seq++;
    const a = this.agenda;
    a.push(it);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(a[i], a[p])) { [a[i], a[p]] = [a[p], a[i]]; i = p; } else break;
    }
  }

  private pop(): Item | undefined {
    const a = this.agenda;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }

  /** Run `fn` at time `t` (TCP timers, connection arrivals). */
  at(t: number, fn: () => void): void {
    this.push({ t, seq: 0, type: 'call', fn });
  }

  private run(it: Item): void {
    this.clock.advanceTo(it.t);
    if (it.type === 'sample') return this.sample(it.cpu, it.t);
    if (it.type === 'call') { this.cur = null; return it.fn(); }
    const run = this.runs.get(it.task.pid);
    if (!run || run.gen !== it.gen || run.exited) return;
    if (it.type === 'wake') return this.wake(it.task, false);
    this.step(it.task, run);
  }

  /** Timer/event wake-up: sched_wakeup, then onto a CPU (now, or after the queue ahead of it). */
  wake(t: Task, fork: boolean): void {
    const run = this.runs.get(t.pid)!;
    const cpu = selectCpu(this.cpus, t.cpu, fork);
    const c = this.cpus[cpu];
    t.state = 'R';
    this.tp(c.curr, cpu, fork ? 'sched:sched_wakeup_new' : 'sched:sched_wakeup', { comm: t.comm, pid: t.pid, prio: t.prio, target_cpu: cpu }, undefined, 0, [t.taskAddr]);
    run.wakeQueuedAt = this.clock.mono;
    t.cpu = cpu;
    if (!c.curr && !c.incoming) {
      // leaving the idle state takes a few microseconds before the switch
      c.incoming = t;
      this.at(this.clock.mono + this.rng.range(2_000, 25_000), () => {
        c.incoming = null;
        if (!c.curr) this.switchTo(c, null, 0, t);
        else c.runq.push(t);
      });
    } else c.runq.push(t);
  }

  /** sched_switch on `c` from `prev` (null = idle) to `next` (null = idle); schedules next's step. */
  private switchTo(c: Cpu, prev: Task | null, prevState: number, next: Task | null): void {
    const pc = prev ? prev.comm : `swapper/${c.id}`;
    const nc = next ? next.comm : `swapper/${c.id}`;
    this.tp(prev, c.id, 'sched:sched_switch', {
      prev_comm: pc, prev_pid: prev?.pid ?? 0, prev_prio: prev?.prio ?? 120, prev_state: prevState,
      next_comm: nc, next_pid: next?.pid ?? 0, next_prio: next?.prio ?? 120,
    }, undefined, 0x01, [prevState === 0 ? 1n : 0n, prev?.taskAddr ?? c.idleAddr, next?.taskAddr ?? c.idleAddr, BigInt(prevState)]);
    c.curr = next;
    if (next) {
      const run = this.runs.get(next.pid)!;
      if (run.wakeQueuedAt !== undefined) this.counts.runqLatencyNs.push(this.clock.mono - run.wakeQueuedAt);
      run.wakeQueuedAt = undefined;
      next.cpu = c.id;
      this.push({ t: this.clock.mono + this.rng.range(1_000, 4_000), seq: 0, type: 'step', task: next, gen: run.gen });
    }
  }

  /** The running task gives up its CPU (blocked: state S=1; exited: Z=0x20). */
  private leaveCpu(t: Task, prevState: number): void {
    const c = this.cpus[t.cpu];
    if (c.curr !== t) return;
    const next = c.runq.shift() ?? null;
    this.switchTo(c, t, prevState, next);
  }

  /** Carry out the task's next piece of work: continue its syscall, or take the program's next op. */
  private step(t: Task, run: TaskRun): void {
    this.cur = t;
    run.kstack = undefined;
    let input: number | undefined;
    if (run.pendingLsm) { input = run.pendingLsm.verdict; this.lsmById.delete(run.pendingLsm.id); run.pendingLsm = undefined; }
    if (!run.kgen && run.pendingKill !== undefined) this.startKill(t, run);
    if (!run.kgen) {
      const r = run.prog.next(run.lastResult);
      const op: Op = r.done ? { op: 'exit', code: 0 } : r.value;
      run.kgen = runOp(this, t, run, op);
    }
    let y: IteratorResult<KYield, number>;
    try {
      y = run.kgen.next(input as number);
    } catch (e) {
      if (!(e instanceof KillOnReturn)) throw e;
      // a fatal signal arrived during the system call that just returned: the task dies now
      this.startKill(t, run);
      y = run.kgen!.next(0);
    }
    if (y.done) {
      run.kgen = undefined;
      run.lastResult = y.value;
      if (run.exited) return;
      // user-space time between calls; the task keeps its CPU
      this.push({ t: this.clock.mono + this.rng.range(2_000, 30_000), seq: 0, type: 'step', task: t, gen: run.gen });
      return;
    }
    const v = y.value;
    if (v.type === 'lsm') {
      run.pendingLsm = v.event;
      this.push({ t: this.clock.mono, seq: 0, type: 'step', task: t, gen: run.gen });
    } else if (v.type === 'compute') {
      run.stack = v.stack;
      run.kstack = v.kstack;
      this.push({ t: this.clock.mono + v.ns, seq: 0, type: 'step', task: t, gen: run.gen });
    } else if (v.type === 'block') {
      t.state = 'S';
      this.leaveCpu(t, 1);
      if (v.ns !== undefined) this.push({ t: this.clock.mono + v.ns, seq: 0, type: 'wake', task: t, gen: run.gen });
    } else if (v.type === 'exit') {
      run.exited = true;
      t.state = 'Z';
      this.leaveCpu(t, 0x20);
    }
  }

  /** Replace whatever the task was doing by its death from the pending fatal signal. */
  private startKill(t: Task, run: TaskRun): void {
    const sig = run.pendingKill!;
    run.pendingKill = undefined;
    run.dying = true;
    this.bump(this.counts.killedByComm, t.comm);
    run.kgen = killedBySignal(this, t, sig);
  }

  /** Wake a task blocked without a timer (child exit, accepted connection). */
  wakeBlocked(t: Task): void {
    const run = this.runs.get(t.pid);
    if (!run || run.exited || t.state !== 'S') return;
    run.gen++;
    this.push({ t: this.clock.mono + this.rng.range(500, 3_000), seq: 0, type: 'wake', task: t, gen: run.gen });
  }

  /** A perf-event CPU-clock sample on `cpu`. */
  private sample(cpu: number, t: number): void {
    if (this.samplePeriodNs === 0) return;
    this.push({ t: t + this.samplePeriodNs, seq: 0, type: 'sample', cpu });
    const c = this.cpus[cpu];
    const curr = c.curr;
    const run = curr ? this.runs.get(curr.pid) : undefined;
    const jitter = (n: number) => this.rng.int(Math.max(1, n - 1));
    let kstack: bigint[] = [], ustack: bigint[] = [], user = false;
    if (!curr || !run) {
      kstack = frames([
        ['kernel', 'pv_native_safe_halt'], ['kernel', 'default_idle'], ['kernel', 'default_idle_call'], ['kernel', 'do_idle'],
        ['kernel', 'cpu_startup_entry'], ['kernel', 'start_secondary'], ['kernel', 'common_startup_64'],
      ], jitter);
    } else {
      const st = run.stack.length ? run.stack : [['/lib/x86_64-linux-gnu/libc.so.6', '__libc_start_call_main'], ['/lib/x86_64-linux-gnu/libc.so.6', '_start']] as Frames;
      ustack = frames(st.filter(([m]) => m !== 'kernel'), jitter);
      if (run.kstack) kstack = frames(run.kstack, jitter);
      else user = true;
    }
    const regs = this.regs([], user ? ustack[0] : kstack[0]);
    if (user) regs.sp = 0x7ffc8a4e3c10n;
    else if (curr) regs.sp = 0xffffc90000a3fc80n;
    this.counts.perfSamplesPerCpu[cpu]++;
    const b = this.base('perf_event', 'software/cpu-clock', curr, cpu);
    this.pending.push({ ...b, kind: 'perf_event', regs, kstack, ustack, user, samplePeriod: BigInt(this.samplePeriodNs) });
  }
}

/** Signals whose default action does not terminate (SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGWINCH). */
const NON_FATAL_SIGNALS = new Set([17, 18, 19, 20, 21, 22, 23, 28]);

function less(a: Item, b: Item): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

/** Why `opts` cannot make a world (a message naming the option), or undefined when they can. */
export function checkWorldOptions(opts: WorldOptions): string | undefined {
  const ncpu = opts.cpus ?? 4;
  if (!Number.isInteger(ncpu) || ncpu < 1 || ncpu > 64) return `cpus: must be an integer in 1..64, got ${ncpu}`;
  const d = opts.durationNs ?? 2e9;
  if (!Number.isSafeInteger(d) || d <= 0 || d > 3_600_000_000_000) return `durationNs: must be a positive integer of at most one hour, got ${d}`;
  const hz = opts.sampleHz ?? 99;
  if (!Number.isInteger(hz) || hz < 0 || hz > 100_000) return `sampleHz: must be an integer in 0..100000, got ${hz}`;
  for (const n of opts.workloads ?? []) {
    if (!Object.hasOwn(WORKLOADS, n)) return `workloads: unknown workload '${n}' (known: ${Object.keys(WORKLOADS).join(', ')})`;
  }
  return undefined;
}

/** Build a world; iterate it (for…of, or `next()`) for events in time order. Throws RangeError on bad options (see createWorldResult). */
export function createWorld(opts: WorldOptions): World {
  return new World(opts);
}

/** createWorld without exceptions: `{value}` or `{error}` naming the bad option. */
export function createWorldResult(opts: WorldOptions): { value: World; error?: undefined } | { value?: undefined; error: string } {
  const error = checkWorldOptions(opts);
  return error ? { error } : { value: new World(opts) };
}
