/**
 * Runs tracing programs (kprobe, tracepoint, raw_tracepoint, perf_event, tracing = fentry/fexit/
 * tp_btf, lsm) of a `Kernel` on contexts the caller lays out — one call per program per event —
 * with helpers backed by a simulated host (`TracingHost`: the current task, its user memory, the
 * kernel's objects, stacks, signals). src/sim/events/drive.ts turns world events into calls.
 *
 *   const tr = createTracingRunner(kernel, host, { seed: 1 });
 *   const out = tr.run(prog, { ctx, task, cpu, tsNs, bootNs, kstack, ustack, traceFlags });
 *   tr.drainPerf()   // the per-CPU perf buffers' records since the last drain (user space reads)
 *
 * The context bytes go into one VM region per program type (reused); its address is r1. Time is
 * the event's: bpf_ktime_get_ns returns the event timestamp for the whole run. trace_pipe lines
 * carry the event's task, CPU and time. Ring buffers are consumed after each run; perf buffers
 * hold `perfBufferBytes` per CPU (libbpf's perf_buffer__new with 64 pages: 256 KiB) until drained,
 * and a record that does not fit is lost (counted per map and CPU).
 *
 * Does not: attach points, contexts from events (drive.ts), verification (the caller verifies).
 * Provenance: our own code; semantics from the UAPI helper documentation.
 */
import type { Insn } from '../../isa/insn.ts';
import type { HelperFn, Oops, TraceStep } from '../../vm/index.ts';
import { tracePipeLine, tracingHelpers, type TracingEnv, type TracingTask } from '../helpers/impl/index.ts';
import { ProgArrayMap, RingBufMap, type BpfMap } from '../maps/index.ts';
import type { ProgTypeName } from '../progtypes/ids.ts';
import { execute, type Kernel, type LoadedProgram, type RunEvent } from './kernel.ts';

export const ENOSPC = 28;

/** What the runtime asks of the simulated host. */
export interface TracingHost {
  readUser(pid: number, addr: bigint, len: number): Uint8Array | undefined;
  readKernel(addr: bigint, len: number): Uint8Array | undefined;
  /** Deliver `sig` to `pid` (its thread only when `thread`); 0 or a negative errno. */
  sendSignal(pid: number, sig: number, thread: boolean): number;
}

export interface TracingCall {
  /** Context bytes (pt_regs, tracepoint record, u64 arguments, bpf_perf_event_data). */
  ctx: Uint8Array;
  task: TracingTask;
  cpu: number;
  tsNs: bigint;
  bootNs: bigint;
  /** Stacks of the moment, innermost first; a function is called only when a helper asks. */
  kstack?: readonly bigint[] | (() => readonly bigint[]);
  ustack?: readonly bigint[] | (() => readonly bigint[]);
  /** The irq/preempt column of trace_pipe lines (e.g. `...21`). */
  traceFlags?: string;
}

export interface TracingOutcome {
  r0: bigint;
  steps: number;
  tracePipe: string[];
  /** Ring-buffer records (consumed after the run) and perf records (also kept until drainPerf). */
  events: RunEvent[];
  oops?: Oops;
  /** bpf_override_return's value, when the program called it. */
  overrideReturn?: bigint;
  /** Signals sent by the program (bpf_send_signal). */
  signals: { pid: number; sig: number; thread: boolean; result: number }[];
  /** With `run(…, { trace: true })`: the register trace (reference interpreter) and r1 (the context's address). */
  trace?: TraceStep[];
  ctxAddr?: bigint;
}

export interface PerfRecord {
  map: string;
  cpu: number;
  data: Uint8Array;
}

export interface TracingRunnerOptions {
  seed?: number;
  /** Per-CPU perf buffer size in bytes (default 256 KiB). */
  perfBufferBytes?: number;
  engine?: 'ref' | 'fast';
  budget?: number;
}

/** perf_event_header (8) + u32 size of a PERF_RECORD_SAMPLE with raw data, 8-aligned. */
export function perfRecordBytes(len: number): number {
  return 8 + Math.ceil((4 + len) / 8) * 8;
}

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

type Env = TracingEnv & { cpu: number; task: TracingTask; progType: ProgTypeName };

export class TracingRunner {
  private readonly envs = new Map<ProgTypeName, { env: Env; helpers: Record<number, HelperFn> }>();
  private readonly ctxRegions = new Map<number, { base: bigint; offset: number; size: number }>();
  private byAddr = new Map<bigint, BpfMap>();
  private call: TracingCall | undefined;
  private out: TracingOutcome | undefined;
  private readonly random: () => number;
  /** Bytes used per map per CPU in the perf buffers, and the records waiting for user space. */
  private readonly perfUsed = new Map<string, number[]>();
  private perfQueue: PerfRecord[] = [];
  /** Records lost per perf map (per CPU). */
  readonly lost = new Map<string, number[]>();
  readonly perfBufferBytes: number;

  constructor(readonly kernel: Kernel, readonly host: TracingHost, readonly opts: TracingRunnerOptions = {}) {
    this.random = mulberry(opts.seed ?? 1);
    this.perfBufferBytes = opts.perfBufferBytes ?? 64 * 4096;
  }

  /** Run `prog` once on `call`'s context. */
  run(prog: LoadedProgram, call: TracingCall, o: { engine?: 'ref' | 'fast'; budget?: number; trace?: boolean } = {}): TracingOutcome {
    if (this.byAddr.size !== this.kernel.maps.length) this.byAddr = new Map(this.kernel.maps.map((m) => [m.addr, m]));
    const { env, helpers } = this.runtime(prog.type);
    env.cpu = call.cpu;
    env.task = call.task;
    this.call = call;
    const out: TracingOutcome = { r0: 0n, steps: 0, tracePipe: [], events: [], signals: [] };
    this.out = out;
    const ctx = this.ctxRegion(call.ctx.length);
    const mem = this.kernel.memory;
    mem.bytes.fill(0, ctx.offset, ctx.offset + ctx.size);
    mem.bytes.set(call.ctx, ctx.offset);
    const res = execute(prog, {
      memory: mem, args: [ctx.base], ldImm64: prog.resolve, helpers, budget: o.budget ?? this.opts.budget,
      // BPF_PROBE_MEM loads read the host's kernel objects (file, dentry, task_struct …)
      probeRead: (addr, len) => this.host.readKernel(addr, len),
      counts: this.kernel.insnCounter, // Kernel.countInsns
      ...(o.trace ? { trace: true } : {}),
    }, o.trace ? 'ref' : o.engine ?? this.opts.engine ?? 'ref');
    if (o.trace) {
      out.trace = res.trace;
      out.ctxAddr = ctx.base;
    }
    out.r0 = res.r0;
    out.steps = res.steps;
    if (res.oops) out.oops = res.oops;
    for (const m of this.kernel.maps) if (m instanceof RingBufMap) for (const d of m.consume()) out.events.push({ map: m.name, kind: 'ringbuf', data: d });
    this.call = undefined;
    this.out = undefined;
    return out;
  }

  /** Perf records written since the last drain (user space reads every buffer; they empty). */
  drainPerf(): PerfRecord[] {
    const q = this.perfQueue;
    this.perfQueue = [];
    for (const used of this.perfUsed.values()) used.fill(0);
    return q;
  }

  /** One region per context size class (the largest seen), reused across runs. */
  private ctxRegion(len: number): { base: bigint; offset: number; size: number } {
    let size = 256;
    while (size < len) size *= 2;
    const have = this.ctxRegions.get(size);
    if (have) return have;
    const r = this.kernel.memory.alloc('ctx', size, { name: 'tracing ctx' });
    const v = { base: r.base, offset: r.offset, size };
    this.ctxRegions.set(size, v);
    return v;
  }

  private runtime(type: ProgTypeName): { env: Env; helpers: Record<number, HelperFn> } {
    const have = this.envs.get(type);
    if (have) return have;
    const cur = (): TracingCall => {
      if (!this.call) throw new Error('internal: helper outside a run');
      return this.call;
    };
    const k = this.kernel;
    const env: Env = {
      progType: type,
      cpu: 0,
      cpus: k.cpus,
      task: { comm: '', pid: 0, tgid: 0, uid: 0, gid: 0, taskAddr: 0n, cgroupId: 0n },
      mapAt: (a) => this.byAddr.get(a),
      maps: () => k.maps,
      monoNs: () => cur().tsNs,
      bootNs: () => cur().bootNs,
      random: this.random,
      tracePrintk: (msg) => {
        const c = cur();
        const line = tracePipeLine(c.task.comm, c.task.pid, c.cpu, c.tsNs, msg, c.traceFlags ?? '...21');
        this.out?.tracePipe.push(line);
        // the kernel's running log is for small runs; long drives keep their lines in the outcomes
        if (k.tracePipe.length < 100_000) k.tracePipe.push(line);
      },
      event: (map, data) => this.out?.events.push({ map, kind: 'perf', data }),
      packetChanged: () => {},
      tailTarget: (m, idx) => {
        const p = m instanceof ProgArrayMap ? (m.prog(idx) as LoadedProgram | undefined) : undefined;
        return p ? { insns: p.insns as Insn[], resolve: p.resolve } : undefined;
      },
      readUser: (addr, len) => this.host.readUser(cur().task.pid, addr, len),
      readKernel: (addr, len) => this.host.readKernel(addr, len),
      kstack: () => {
        const k = cur().kstack ?? [];
        return typeof k === 'function' ? k() : k;
      },
      ustack: () => {
        const u = cur().ustack ?? [];
        return typeof u === 'function' ? u() : u;
      },
      sendSignal: (sig, thread) => {
        const c = cur();
        // kernel threads (the idle task included) cannot be signalled; then the signal number
        let result = c.task.pid === 0 ? -1 : sig > 64 ? -22 : 0;
        if (result === 0) result = this.host.sendSignal(c.task.pid, sig, thread);
        this.out?.signals.push({ pid: c.task.pid, sig, thread, result });
        return result;
      },
      overrideReturn: (rc) => {
        if (this.out) this.out.overrideReturn = rc;
      },
      perfOutput: (map, cpu, data) => {
        let used = this.perfUsed.get(map);
        if (!used) this.perfUsed.set(map, (used = new Array(k.cpus).fill(0)));
        const need = perfRecordBytes(data.length);
        if (used[cpu] + need > this.perfBufferBytes) {
          let l = this.lost.get(map);
          if (!l) this.lost.set(map, (l = new Array(k.cpus).fill(0)));
          l[cpu]++;
          return -ENOSPC;
        }
        used[cpu] += need;
        this.perfQueue.push({ map, cpu, data: data.slice() });
        this.out?.events.push({ map, kind: 'perf', data: data.slice() });
        return 0;
      },
    };
    const rt = { env, helpers: tracingHelpers(env) };
    this.envs.set(type, rt);
    return rt;
  }
}

export function createTracingRunner(kernel: Kernel, host: TracingHost, opts: TracingRunnerOptions = {}): TracingRunner {
  return new TracingRunner(kernel, host, opts);
}
