/**
 * Runs tracing programs on the kernel event generator's events: for each SimEvent of a World,
 * every attached program whose attach point matches runs once, on the context the real kernel
 * gives that program type, with helpers backed by the simulated host.
 *
 *   driveEvents(kernel: Kernel, loaded: DriveProgram | readonly DriveProgram[], world: World,
 *               opts?: DriveOptions): DriveResult
 *
 *   interface DriveProgram { prog: LoadedProgram; section: string }   // SEC(): 'kprobe/do_sys_openat2'
 *   DriveOptions  { engine?: 'ref'|'fast' (default 'fast'); budget?; maxEvents?; seed?;
 *                   batchSize? (events per onBatch, default 2000);
 *                   onBatch?(b: DriveBatch): void | false  (false stops the drive); eventsPerBatch? (0);
 *                   maxTraceLines? (default 10000); maxRecords? (default 100000); perfBufferBytes? }
 *   DriveBatch    { events, runs, nowNs, tracePipe: string[] (new lines), records: DriveRecord[] (new),
 *                   worldEvents: SimEvent[] (the batch's first eventsPerBatch events) }
 *   DriveResult   { ok: true, events, runs, programs: [{name, section, attach, runs, oopses, firstOops?}], detached,
 *                   tracePipe, tracePipeLines, records, recordCount, lost: {map: [per CPU]},
 *                   denials, signals, maps: kernel.dumpMaps(), counts: world.counts, stopped }
 *               | { ok: false, error }          (an attach point that does not exist, …)
 *   resolveAttach(section) → { ok: true, attach: Attach } | { ok: false, error }  (for pickers / CLI)
 *
 * Typical use: `const l = loadTracingSource('prog.c', text)` (load.ts: compile → verify → load,
 * kernel with 4 CPUs), `createWorld({ seed, durationNs, workloads })` with no more CPUs than the
 * kernel, then `driveEvents(l.value.kernel, l.value.programs, world, { onBatch })`.
 *
 * Attach points come from SEC() as libbpf reads them: `kprobe/FN`, `kretprobe/FN`, `ksyscall/NAME`,
 * `kretsyscall/NAME` (= `kprobe/__x64_sys_NAME`: at the syscall's entry / exit, ctx->di = the user
 * pt_regs, as BPF_KSYSCALL reads them),
 * `uprobe//bin/bash:readline` (or `uprobe/libc.so.6:malloc`), `uretprobe/…`,
 * `tracepoint/GROUP/NAME` and `tp/GROUP/NAME`, `raw_tp/NAME` and `raw_tracepoint/NAME`,
 * `tp_btf/NAME`, `fentry/FN`, `fexit/FN`, `lsm/HOOK`, `perf_event`. A name the catalog does not
 * have is an error naming the nearest names of that kind.
 *
 * Contexts (x86_64, Linux 6.18):
 *   kprobe/kretprobe/uprobe/uretprobe  struct pt_regs (168 bytes, UAPI order: r15 … ss; arguments
 *       in di si dx cx r8 r9, return value in ax; cs 0x10 for kernel code, 0x33 for user)
 *   tracepoint        the record exactly as the format file lays it out (common header first)
 *   raw_tp / tp_btf   the TP_PROTO arguments as u64s
 *   fentry            the function's arguments as u64s; fexit: the arguments, then the return value
 *   lsm               the hook's arguments, then the previous program's return value (0)
 *   perf_event        struct bpf_perf_event_data: pt_regs, sample_period (168), addr (176)
 * LSM: a non-zero return (an errno, as s32) is fed back with world.hookVerdict before the next
 * event, so the simulated call fails (the first program that denies decides, as the trampoline
 * stops there). bpf_send_signal reaches world.signal (a fatal signal kills the task).
 * Stacks for bpf_get_stackid/get_stack: perf samples carry theirs; at kprobes the probed
 * function and the system-call entry path, at tracepoints that path (reconstructed, not unwound).
 * trace_pipe lines carry the event's task (comm-pid), CPU and timestamp.
 *
 * Direct loads through BTF pointers of kernel objects (fentry `file->f_path.dentry`) are the
 * loader's BPF_PROBE_MEM loads (the verifier marks them): they read the host's kernel objects, and
 * 0 where nothing is mapped, as the kernel's JIT does.
 * Does not: verify (callers verify first), fmod_ret / iter / usdt / multi-kprobes,
 * bpf_override_return (this 6.18 build lacks
 * CONFIG_BPF_KPROBE_OVERRIDE: the verifier refuses it). Provenance: our own code.
 */
import type { Kernel, LoadedProgram } from '../../kernel/run/kernel.ts';
import { createTracingRunner, type TracingCall, type TracingOutcome } from '../../kernel/run/tracing.ts';
import { progTypeForSection } from '../../kernel/progtypes/progTypes.ts';
import type { TracingTask } from '../../kernel/helpers/impl/index.ts';
import { PT_REGS_OFFSETS } from '../host/kobjects.ts';
import { frames, symAddr, symbolTable } from '../host/symbols.ts';
import { KERNEL_FUNCTIONS, LSM_HOOKS, RAW_TRACEPOINTS, USER_FUNCTIONS, rawTracepointOf, type AttachKind } from './catalog.ts';
import { SYSCALLS, TRACEPOINT_FORMATS } from './formats.ts';
import type { FunctionEvent, PtRegs, SimEvent, TaskRef } from './types.ts';
import type { World, WorldCounts } from './world.ts';

export interface DriveProgram {
  prog: LoadedProgram;
  /** The SEC() name the program was compiled in (its attach point). */
  section: string;
  /** Display name (default prog.name). */
  name?: string;
}

/** Where a program attaches: the program kind and the catalog name of the events it runs on. */
export interface Attach {
  kind: AttachKind;
  /** Catalog name: `do_sys_openat2`, `syscalls/sys_enter_execve`, `sched_switch`, `file_open`, `/bin/bash:readline`, `software/cpu-clock`. */
  name: string;
  /** tp_btf: a raw tracepoint seen by a BTF-typed (tracing) program. */
  btf?: boolean;
  /**
   * ksyscall/NAME, kretsyscall/NAME and kprobe/__x64_sys_NAME: a kprobe on the syscall wrapper,
   * run at the syscall's entry (exit) tracepoint moment; ctx->di points at the user pt_regs.
   */
  syscall?: string;
}

export interface DriveRecord {
  map: string;
  kind: 'ringbuf' | 'perf';
  /** The CPU the program ran on. */
  cpu: number;
  /** The event the record was written on. */
  eventId: number;
  ts: number;
  data: Uint8Array;
}

export interface DriveBatch {
  /** Events and program runs so far. */
  events: number;
  runs: number;
  nowNs: number;
  /** New trace_pipe lines and records since the previous batch. */
  tracePipe: string[];
  records: DriveRecord[];
  /** The batch's first `eventsPerBatch` world events (for an events panel); empty by default. */
  worldEvents: SimEvent[];
}

export interface DriveOptions {
  engine?: 'ref' | 'fast';
  budget?: number;
  maxEvents?: number;
  /** Seed of bpf_get_prandom_u32 (default 1). */
  seed?: number;
  batchSize?: number;
  onBatch?: (b: DriveBatch) => void | false;
  /** World events handed to onBatch per batch (default 0). */
  eventsPerBatch?: number;
  maxTraceLines?: number;
  maxRecords?: number;
  perfBufferBytes?: number;
  /** Run on the reference interpreter keeping each run's register trace (the page's Step; slow). */
  trace?: boolean;
  /** Called after each program run with its event and outcome (`outcome.trace` with `trace`). */
  onRun?: (r: { program: DriveProgram; event: SimEvent; ctx: Uint8Array; outcome: TracingOutcome }) => void;
}

export interface DriveProgramStats {
  name: string;
  section: string;
  attach: Attach;
  runs: number;
  oopses: number;
  firstOops?: string;
}

/** A program that loaded but attaches nowhere on its own (SEC("uprobe") without a target). */
export interface DetachedProgram {
  name: string;
  section: string;
  reason: string;
}

export type DriveResult =
  | {
      ok: true;
      events: number;
      runs: number;
      programs: DriveProgramStats[];
      /** Programs left unattached (see DetachedProgram). */
      detached: DetachedProgram[];
      tracePipe: string[];
      tracePipeLines: number;
      records: DriveRecord[];
      recordCount: number;
      /** Perf records lost per map, per CPU. */
      lost: Record<string, number[]>;
      /** LSM events a program denied. */
      denials: number;
      /** bpf_send_signal calls that reached a task. */
      signals: number;
      maps: Record<string, Record<string, string | string[]>>;
      counts: WorldCounts;
      /** True when onBatch or maxEvents stopped the drive before the world ended. */
      stopped: boolean;
    }
  | { ok: false; error: string };

// ---- attach points --------------------------------------------------------------------------

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

function nearest(name: string, names: readonly string[], n = 3): string[] {
  return names.map((x) => [x, distance(name, x)] as const).sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1)).slice(0, n).map((x) => x[0]);
}

const TP_NAMES = [...TRACEPOINT_FORMATS.keys()].map((k) => k.replace(':', '/'));

function unknown(what: string, name: string, names: readonly string[]): { ok: false; error: string } {
  return { ok: false, error: `unknown ${what} '${name}' in the simulated kernel (nearest: ${nearest(name, names).join(', ')})` };
}

/** The attach point SEC(`section`) names, or an error naming the nearest catalog names. */
export function resolveAttach(section: string): { ok: true; attach: Attach } | { ok: false; error: string; manual?: boolean } {
  const m = progTypeForSection(section);
  if (!m) return { ok: false, error: `SEC("${section}") is not a tracing section libbpf knows (kprobe/…, tracepoint/…, raw_tp/…, fentry/…, lsm/…, perf_event)` };
  const fl = m.def.flavour;
  const target = m.target;
  const fnNames = KERNEL_FUNCTIONS.map((f) => f.name);
  switch (m.type) {
    case 'kprobe': {
      // libbpf loads such a program but attaches it only when the loader's code calls
      // bpf_program__attach_kprobe/uprobe with a target: a skeleton skips it
      if (!target) return { ok: false, manual: true, error: `SEC("${section}") names no function: write ${fl}/FUNCTION` };
      const sysName = fl === 'ksyscall' || fl === 'kretsyscall' ? target : /^__x64_sys_(\w+)$/.exec(target)?.[1];
      if (sysName !== undefined) {
        const names = Object.keys(SYSCALLS);
        if (!names.includes(sysName)) return unknown('system call', sysName, names);
        const ret = fl === 'kretsyscall' || fl === 'kretprobe';
        return { ok: true, attach: { kind: ret ? 'kretprobe' : 'kprobe', name: `__x64_sys_${sysName}`, syscall: sysName } };
      }
      if (fl !== 'kprobe' && fl !== 'kretprobe' && fl !== 'uprobe' && fl !== 'uretprobe') return { ok: false, error: `SEC("${section}"): ${fl} programs are not simulated (kprobe, kretprobe, ksyscall, kretsyscall, uprobe and uretprobe are)` };
      if (fl === 'uprobe' || fl === 'uretprobe') {
        const names = USER_FUNCTIONS.map((f) => f.name);
        const hit = names.find((n) => n === target || n.endsWith('/' + target));
        return hit ? { ok: true, attach: { kind: fl, name: hit } } : unknown('user function', target, names);
      }
      const fn = target.replace(/\+0?x?[0-9a-f]*$/i, '');
      return fnNames.includes(fn) ? { ok: true, attach: { kind: fl, name: fn } } : unknown('kernel function', fn, fnNames);
    }
    case 'tracepoint': {
      const name = target.replace(':', '/');
      if (!name) return { ok: false, error: `SEC("${section}") names no tracepoint: write tracepoint/GROUP/NAME` };
      return TP_NAMES.includes(name) ? { ok: true, attach: { kind: 'tracepoint', name } } : unknown('tracepoint', name, TP_NAMES);
    }
    case 'raw_tracepoint': {
      const names = RAW_TRACEPOINTS.map((f) => f.name);
      if (!target) return { ok: false, error: `SEC("${section}") names no tracepoint: write raw_tp/NAME` };
      return names.includes(target) ? { ok: true, attach: { kind: 'raw_tracepoint', name: target } } : unknown('raw tracepoint', target, names);
    }
    case 'tracing': {
      if (fl === 'tp_btf') {
        const names = RAW_TRACEPOINTS.map((f) => f.name);
        return names.includes(target) ? { ok: true, attach: { kind: 'raw_tracepoint', name: target, btf: true } } : unknown('raw tracepoint', target, names);
      }
      if (fl !== 'fentry' && fl !== 'fexit') return { ok: false, error: `SEC("${section}"): ${fl} programs are not simulated (fentry, fexit and tp_btf are)` };
      return fnNames.includes(target) ? { ok: true, attach: { kind: fl, name: target } } : unknown('kernel function', target, fnNames);
    }
    case 'lsm': {
      if (fl !== 'lsm') return { ok: false, error: `SEC("${section}"): ${fl} programs are not simulated (lsm/HOOK is)` };
      const names = LSM_HOOKS.map((f) => f.name);
      return names.includes(target) ? { ok: true, attach: { kind: 'lsm', name: target } } : unknown('LSM hook', target, names);
    }
    case 'perf_event':
      return { ok: true, attach: { kind: 'perf_event', name: 'software/cpu-clock' } };
    default:
      return { ok: false, error: `SEC("${section}") is a ${m.type} program: it runs on packets, not on kernel events` };
  }
}

/** The event key (`kind:name`) a program attached at `a` runs on. */
function eventKey(a: Attach): string {
  if (a.syscall) return `tracepoint:syscalls/sys_${a.kind === 'kretprobe' ? 'exit' : 'enter'}_${a.syscall}`;
  switch (a.kind) {
    case 'fentry': return `kprobe:${a.name}`;
    case 'fexit': return `kretprobe:${a.name}`;
    case 'raw_tracepoint': return `raw:${a.name}`;
    default: return `${a.kind}:${a.name}`;
  }
}

// ---- contexts -------------------------------------------------------------------------------

function u64s(vals: readonly bigint[]): Uint8Array {
  const b = new Uint8Array(8 * vals.length);
  const dv = new DataView(b.buffer);
  vals.forEach((v, k) => dv.setBigUint64(8 * k, BigInt.asUintN(64, v), true));
  return b;
}

/** struct pt_regs (plus `extra` bytes after it, for bpf_perf_event_data). */
function ptRegs(r: PtRegs, user: boolean, extra = 0): Uint8Array {
  const b = new Uint8Array(168 + extra);
  const dv = new DataView(b.buffer);
  const O = PT_REGS_OFFSETS;
  for (const k of ['di', 'si', 'dx', 'cx', 'r8', 'r9', 'ax', 'ip', 'sp', 'bp'] as const) dv.setBigUint64(O[k], BigInt.asUintN(64, r[k]), true);
  dv.setBigUint64(O.cs, user ? 0x33n : 0x10n, true);
  dv.setBigUint64(O.ss, user ? 0x2bn : 0x18n, true);
  dv.setBigUint64(O.flags, 0x246n, true);
  dv.setBigUint64(O.orig_ax, 0xffffffffffffffffn, true);
  return b;
}

function nargs(name: string, list: readonly { name: string; args: unknown[] }[]): number {
  return list.find((f) => f.name === name)?.args.length ?? 0;
}

function pad(args: readonly bigint[], n: number): bigint[] {
  const out = args.slice(0, Math.max(n, 0));
  while (out.length < n) out.push(0n);
  return out;
}

/** The context bytes a program attached as `a` gets on event `e`. */
export function contextFor(a: Attach, e: SimEvent): Uint8Array {
  if (a.syscall && e.kind === 'tracepoint') {
    // the wrapper's own registers: di = struct pt_regs * of the user's call; on return ax = the result
    const ip = symbolTable().find((x) => x.module === 'kernel' && x.name === a.name)?.addr ?? 0n;
    const exit = a.kind === 'kretprobe';
    const regs: PtRegs = { di: exit ? 0n : e.rawArgs[0] ?? 0n, si: 0n, dx: 0n, cx: 0n, r8: 0n, r9: 0n, ax: exit ? e.rawArgs[1] ?? 0n : 0n, ip, sp: 0xffffc90000a3ff48n, bp: 0n };
    return ptRegs(regs, false);
  }
  switch (a.kind) {
    case 'tracepoint':
      return (e as Extract<SimEvent, { kind: 'tracepoint' }>).record;
    case 'raw_tracepoint':
      return u64s((e as Extract<SimEvent, { kind: 'tracepoint' }>).rawArgs);
    case 'kprobe': case 'kretprobe':
      return ptRegs((e as FunctionEvent).regs, false);
    case 'uprobe': case 'uretprobe':
      return ptRegs((e as FunctionEvent).regs, true);
    case 'fentry':
      return u64s(pad((e as FunctionEvent).args, nargs(a.name, KERNEL_FUNCTIONS)));
    case 'fexit': {
      const f = e as FunctionEvent;
      return u64s([...pad(f.args, nargs(a.name, KERNEL_FUNCTIONS)), f.ret ?? 0n]);
    }
    case 'lsm':
      return u64s([...pad((e as Extract<SimEvent, { kind: 'lsm' }>).args, nargs(a.name, LSM_HOOKS)), 0n]);
    case 'perf_event': {
      const p = e as Extract<SimEvent, { kind: 'perf_event' }>;
      const b = ptRegs(p.regs, p.user, 16);
      new DataView(b.buffer).setBigUint64(168, p.samplePeriod, true);
      return b;
    }
  }
}

/**
 * trace_pipe's irq/preempt column for programs run from each kind of attach point. Recorded on
 * this machine (testdata/trace-flags-6.18.txt): tracepoint `...21`, raw tracepoint `...2.`.
 * The others could not be attached here (no kprobe events; fentry/lsm loads are refused) and are
 * our estimates: kprobes run with interrupts off, perf samples in hard-IRQ (NMI) context.
 */
export const TRACE_FLAGS: Record<AttachKind, string> = {
  kprobe: 'd..31', kretprobe: 'd..31', uprobe: '...11', uretprobe: '...11',
  tracepoint: '...21', raw_tracepoint: '...2.', fentry: '...11', fexit: '...11', lsm: '...11', perf_event: 'd.h21',
};

let syscallFrames: bigint[] | undefined;
/** Return addresses of the system-call entry path (do_syscall_64 ← entry_SYSCALL_64_after_hwframe). */
const syscallPath = (): bigint[] =>
  (syscallFrames ??= frames([['kernel', 'x64_sys_call'], ['kernel', 'do_syscall_64'], ['kernel', 'entry_SYSCALL_64_after_hwframe']], (n) => Math.min(0x1a, n - 1)).slice(1));

function taskOf(r: TaskRef): TracingTask {
  return { comm: r.comm, pid: r.pid, tgid: r.tgid, uid: r.uid, gid: r.gid, taskAddr: r.taskAddr, cgroupId: r.cgroupId };
}

// ---- the drive ------------------------------------------------------------------------------

interface Attached { p: DriveProgram; attach: Attach; stats: DriveProgramStats }

/** Run `loaded` programs on every event of `world` (see the file comment). */
export function driveEvents(kernel: Kernel, loaded: DriveProgram | readonly DriveProgram[], world: World, opts: DriveOptions = {}): DriveResult {
  const list = Array.isArray(loaded) ? (loaded as readonly DriveProgram[]) : [loaded as DriveProgram];
  if (world.cpus.length > kernel.cpus) {
    return { ok: false, error: `the world has ${world.cpus.length} CPUs but the kernel only ${kernel.cpus}: per-CPU maps and perf buffers need one slot per CPU (createKernel({ cpus: ${world.cpus.length} }))` };
  }
  const byKey = new Map<string, Attached[]>();
  const all: Attached[] = [];
  const detached: DetachedProgram[] = [];
  for (const p of list) {
    const r = resolveAttach(p.section);
    if (!r.ok && r.manual && list.length > 1) {
      detached.push({ name: p.name ?? p.prog.name, section: p.section, reason: `${r.error}; libbpf attaches it only when the loader names a target, so it stays unattached here` });
      continue;
    }
    if (!r.ok) return { ok: false, error: r.error };
    if (p.prog.insns.some((i) => i.code === 0x85 && i.src === 0 && i.imm === 58)) {
      return { ok: false, error: `SEC("${p.section}"): bpf_override_return needs CONFIG_BPF_KPROBE_OVERRIDE, which this 6.18 kernel build lacks (the verifier refuses the call)` };
    }
    const a: Attached = { p, attach: r.attach, stats: { name: p.name ?? p.prog.name, section: p.section, attach: r.attach, runs: 0, oopses: 0 } };
    all.push(a);
    const k = eventKey(r.attach);
    byKey.set(k, [...(byKey.get(k) ?? []), a]);
  }
  let signals = 0;
  const runner = createTracingRunner(kernel, {
    readUser: (pid, addr, len) => world.readUser(pid, addr, len),
    readKernel: (addr, len) => world.readKernel(addr, len),
    sendSignal: (pid, sig) => {
      const r = world.signal(pid, sig);
      if (r === 0) signals++;
      return r;
    },
  }, { seed: opts.seed ?? 1, perfBufferBytes: opts.perfBufferBytes, engine: opts.engine ?? 'fast', budget: opts.budget });
  const maxTrace = opts.maxTraceLines ?? 10_000;
  const maxRecords = opts.maxRecords ?? 100_000;
  const batchSize = Math.max(1, opts.batchSize ?? 2000);
  const tracePipe: string[] = [];
  const records: DriveRecord[] = [];
  let traceLines = 0, recordCount = 0, events = 0, runs = 0, denials = 0;
  let batch: DriveBatch = { events: 0, runs: 0, nowNs: 0, tracePipe: [], records: [], worldEvents: [] };
  const perBatch = opts.onBatch ? Math.max(0, opts.eventsPerBatch ?? 0) : 0;
  let stopped = false;
  let sinceFlush = 0;
  const flush = (): boolean => {
    sinceFlush = 0;
    // user space polls the perf buffers between batches: they empty
    runner.drainPerf();
    if (!opts.onBatch) return true;
    batch.events = events;
    batch.runs = runs;
    const go = opts.onBatch(batch) !== false;
    batch = { events: 0, runs: 0, nowNs: batch.nowNs, tracePipe: [], records: [], worldEvents: [] };
    return go;
  };
  for (;;) {
    if (opts.maxEvents !== undefined && events >= opts.maxEvents) { stopped = true; break; }
    const e = world.next();
    if (!e) break;
    events++;
    sinceFlush++;
    batch.nowNs = e.ts;
    if (batch.worldEvents.length < perBatch) batch.worldEvents.push(e);
    const hits = byKey.get(`${e.kind}:${e.name}`);
    const rawHits = e.kind === 'tracepoint' ? byKey.get(`raw:${rawTracepointOf(e.name)}`) : undefined;
    if (hits || rawHits) {
      const targets = rawHits ? [...(hits ?? []), ...rawHits] : hits!;
      // stacks are worked out only when a helper asks (get_stackid / get_stack), once per event
      let ks: bigint[] | undefined, us: bigint[] | undefined;
      const inTask = e.task.pid !== 0;
      const kstack = (): bigint[] => {
        if (ks) return ks;
        if (e.kind === 'perf_event') return (ks = e.kstack);
        const path = inTask ? syscallPath() : [];
        ks = e.kind === 'kprobe' || e.kind === 'kretprobe' ? [e.kind === 'kprobe' ? e.regs.ip : symAddr(e.name, 0x10), ...path] : e.kind === 'uprobe' || e.kind === 'uretprobe' ? [] : path;
        return ks;
      };
      const ustack = (): bigint[] => {
        if (us) return us;
        if (e.kind === 'perf_event') return (us = e.ustack);
        const st = world.runs.get(e.task.pid)?.stack;
        us = inTask && st && st.length ? frames(st.filter(([m]) => m !== 'kernel'), (n) => Math.min(0x1a, n - 1)) : [];
        if (e.kind === 'uprobe') us = [e.regs.ip, ...us];
        return us;
      };
      const task = taskOf(e.task);
      let denied = false;
      for (const a of targets) {
        if (denied && a.attach.kind === 'lsm') continue;
        const call: TracingCall = {
          ctx: contextFor(a.attach, e), task, cpu: e.cpu, tsNs: BigInt(e.ts), bootNs: BigInt(e.bootTs), kstack, ustack,
          traceFlags: TRACE_FLAGS[a.attach.kind],
        };
        const out = opts.trace ? runner.run(a.p.prog, call, { trace: true }) : runner.run(a.p.prog, call);
        opts.onRun?.({ program: a.p, event: e, ctx: call.ctx, outcome: out });
        runs++;
        a.stats.runs++;
        if (out.oops) { a.stats.oopses++; a.stats.firstOops ??= out.oops.message; }
        for (const l of out.tracePipe) {
          traceLines++;
          if (tracePipe.length < maxTrace) tracePipe.push(l);
          batch.tracePipe.push(l);
        }
        for (const ev of out.events) {
          const rec: DriveRecord = { map: ev.map, kind: ev.kind, cpu: e.cpu, eventId: e.id, ts: e.ts, data: ev.data };
          recordCount++;
          if (records.length < maxRecords) records.push(rec);
          batch.records.push(rec);
        }
        if (e.kind === 'lsm' && a.attach.kind === 'lsm' && !out.oops) {
          const v = Number(BigInt.asIntN(32, out.r0 & 0xffffffffn));
          if (v !== 0 && e.verdict === 0) {
            world.hookVerdict(e.id, v);
            denials++;
            denied = true;
          }
        }
      }
    }
    if (events % batchSize === 0 && !flush()) { stopped = true; break; }
  }
  if (sinceFlush > 0) flush();
  const lost: Record<string, number[]> = {};
  for (const [m, l] of runner.lost) lost[m] = l.slice();
  return {
    ok: true, events, runs, programs: all.map((a) => a.stats), detached, tracePipe, tracePipeLines: traceLines, records, recordCount, lost,
    denials, signals, maps: kernel.dumpMaps(), counts: world.counts, stopped,
  };
}
