/**
 * A run session in the worker: one program loaded into one simulated kernel and driven by the
 * simulated world in batches — packet programs by the virtual NIC's driver (src/sim/nic/drive.ts,
 * `createDrive`: a seeded traffic scenario delivered at the program's attach point, verdicts and
 * where each packet went), tracing programs by the event driver (src/sim/events/drive.ts,
 * `driveEvents` on a World of the chosen workload; every tracing program of a C object attaches,
 * each verified first, as a libbpf skeleton loads and attaches them all). The page asks for the next batch, so it can
 * pause, step, show progress and stay responsive. Maps persist across batches and can be edited
 * between them.
 *
 *   const s = startSession({ source, file: 'prog.c', scenario: 'mixed', seed: 1, count: 1e6 });
 *   s.view;                        // compiled + verified (or why not), nothing run yet
 *   s.session?.advance(20_000);    // the next 20 000 packets (or events) → a SessionView
 *
 * What the view carries: verdict counts (and their history per batch, for the stats chart),
 * packet samples (the first and the latest; bytes before and after when rewritten, and their
 * fate), trace_pipe lines and ring/perf-buffer records (the latest, capped), every map's entries
 * (capped), per-instruction execution counts, the fast engine's compile time and ns per packet.
 *
 * Execution counts: exact, over every run (`view.execCounts`, refreshed each batch): the kernel
 * counts per instruction (`Kernel.countInsns`) on both engines — the fast engine in its counting
 * mode (a counter per basic block; on by default, `req.counts: false` turns it off; it costs ~1% per
 * packet on examples 05 and 10, more in tight loops). Besides, a traced replay of the first
 * TRACED_RUNS packets of the same scenario in a fresh kernel on the reference interpreter gives
 * `insnCounts` (the fallback) and the distinct paths the States panel shows (BPF_PROG_TEST_RUN-style
 * contexts: ingress_ifindex and rx_queue_index read 0 there).
 *
 * Engines: bulk batches run on the fast engine (the WebAssembly JIT) through the driver's reusable
 * packet runner (`Kernel.packetRunner`), in its proven mode when our verifier accepted the program
 * (`kernel.load(..., { verified: true })`) and its checked mode under "run without the verifier";
 * a program the JIT cannot compile runs on the reference interpreter and `view.engineFallback`
 * says why. `step()` runs the next packet through the same driver, kernel and maps on the
 * reference interpreter with its register trace (`view.stepped`); for tracing programs it runs the
 * world up to the next event the program attaches to and traces that run (stepEvent.ts). The per-packet hook is kept
 * cheap: only packets that printed, emitted, faulted or end a batch cost more than two compares.
 * With `req.reader` (an example's `@poll-every` / `@perf-pages`) the records are what the
 * simulated user-space reader got, and `view.perfLost` what the perf buffers lost.
 *
 * "Run without the verifier" loads and runs a rejected program anyway; the first simulated kernel
 * oops is reported (what the verifier exists to prevent). Own code.
 */
import { DiagCode } from '../diag/codes.ts';
import { createKernel, createObjectMaps, type Kernel, type LoadedProgram } from '../kernel/run/index.ts';
import { hexOf } from '../kernel/run/kernel.ts';
import type { PacketRun } from '../kernel/run/kernel.ts';
import { mapDeleteHex, mapUpdateHex } from '../kernel/maps/index.ts';
import { createScenario, createWorldResult, scenarioNames, WORKLOADS, type SimPacket, type WorkloadName } from '../sim/index.ts';
import { createDrive, type Drive } from '../sim/nic/drive.ts';
import { driveEvents, type DriveOptions, type DriveProgram } from '../sim/events/drive.ts';
import { steppedEvent, type EventRun } from './stepEvent.ts';
import { progTypeForSection } from '../kernel/progtypes/progTypes.ts';
import { indexMapRefs, linkProgram, objectMaps } from '../kernel/run/index.ts';
import { verify } from '../verifier/index.ts';
import type { World } from '../sim/events/world.ts';
import { buildCfg, failingPath } from './cfg.ts';
import { prepare, verifyPrepared, type Prepared } from './prepare.ts';
import type { MapOp, PacketSample, SessionMap, SessionRequest, SessionView } from './protocol.ts';
import type { TraceStep } from '../vm/index.ts';
import { MAX_BPF_STACK } from '../isa/opcodes.ts';

/** Packets replayed traced for the per-instruction counts. */
export const TRACED_RUNS = 256;
/** Distinct paths of the traced runs shipped to the page (view.tracedPaths), and pcs per path. */
export const MAX_TRACED_PATHS = 64;
export const MAX_TRACED_PATH_LEN = 4096;
export const MAX_MAP_ENTRIES = 256;
export const MAX_TRACE_LINES = 500;
export const MAX_EVENTS = 200;
export const MAX_HISTORY = 240;
/** Samples kept: the first FIRST_SAMPLES packets and the latest LAST_SAMPLES. */
export const FIRST_SAMPLES = 64;
export const LAST_SAMPLES = 64;
export const MAX_COUNT = 10_000_000;
/** Instructions of a stepped packet's register trace sent to the page. */
export const STEP_TRACE_LIMIT = 10_000;

const PACKET_TYPES = new Set(['xdp', 'sched_cls', 'sched_act', 'socket_filter', 'cgroup_skb']);
const XDP_NAMES = ['XDP_ABORTED', 'XDP_DROP', 'XDP_PASS', 'XDP_TX', 'XDP_REDIRECT'];

function baseView(req: SessionRequest, p: Prepared): SessionView {
  return {
    state: 'error', progType: p.prog?.type ?? '', section: p.prog?.section ?? '', attachTo: p.prog?.attachTo ?? '',
    scenario: req.scenario ?? 'mixed', seed: req.seed ?? 1, total: 0, done: 0, verdicts: {}, history: [], steps: 0,
    engine: req.engine ?? 'fast', engineMode: req.noVerifier ? 'checked' : 'proven', samples: [], tracePipe: [], tracePipeTotal: 0, events: [], eventsTotal: 0, maps: [],
    insnCounts: [], countedRuns: 0, diagnostics: p.diagnostics, bytecode: p.bytecode, elapsedMs: 0,
    ...(p.prog?.recordTypes ? { recordTypes: p.prog.recordTypes } : {}),
  };
}

export interface Started {
  session?: RunSession;
  view: SessionView;
}

/** The drivers' verdict name for one packet run (as src/sim/nic/drive.ts counts them). */
function verdictName(type: string, r: PacketRun): string {
  if (r.error) return 'error';
  if (r.oops) return 'oops';
  if (type === 'xdp') return XDP_NAMES[r.retval] ?? `invalid action ${r.retval}`;
  if (type === 'socket_filter') return r.retval ? 'keep' : 'drop';
  if (type === 'cgroup_skb') return r.retval & 1 ? 'allow' : 'drop';
  return r.retvalName ?? String(r.retval);
}

/** Compile, verify (unless asked not to), load and set up the driver. Never throws for bad input. */
export function startSession(req: SessionRequest): Started {
  const p = prepare({ source: req.source, file: req.file, progType: req.progType ?? undefined });
  const view = baseView(req, p);
  const fail = (message: string): Started => {
    view.state = 'error';
    view.diagnostics = [...view.diagnostics, { code: DiagCode.BadOption, severity: 'error', message, stage: 'run' }];
    return { view };
  };
  if (!p.prog) return { view };
  const prog = p.prog;
  view.cfg = buildCfg(prog.insns);
  let probeMem: number[] | undefined; // loads through BTF pointers (BPF_PROBE_MEM, src/verifier/btfCtx.ts)
  if (!req.noVerifier) {
    const v = verifyPrepared(prog, { logLevel: req.logLevel, unprivileged: req.unprivileged });
    probeMem = v.probeMem;
    view.verifier = v.verifier;
    view.states = v.states;
    if (!v.verifier.accepted) {
      view.failingPath = failingPath(v.verifier.log);
      view.diagnostics = [...view.diagnostics, v.diagnostic!];
      view.note = 'The verifier rejected the program, so nothing ran. Switch "no verifier" on (run settings) to see what a kernel without one would do.';
      return { view };
    }
  }
  const count = req.count ?? 1000;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUNT) return fail(`count must be 1..${MAX_COUNT}, got ${count}`);
  const seed = req.seed ?? 1;
  const makeKernel = (): { kernel: Kernel; prog: LoadedProgram } | string => {
    const kernel = createKernel({ seed, cpus: 2 });
    const made = createObjectMaps(kernel, prog.object);
    if (made) return made;
    // accepted by our verifier: the fast engine's proven mode; "no verifier": its checked mode
    const loaded = kernel.load(prog.insns, { type: prog.type, relocs: prog.relocs, name: prog.name, verified: !req.noVerifier, probeMem });
    return loaded.ok ? { kernel, prog: loaded.prog } : `load: ${loaded.message}`;
  };
  const k = makeKernel();
  if (typeof k === 'string') return fail(k);
  view.total = count;
  // exact per-instruction counts of every run (the fast engine's counting mode): view.execCounts
  if (req.counts !== false) {
    k.kernel.countInsns(true);
    view.execCounts = new Array<number>(prog.insns.length).fill(0);
    view.execRuns = 0;
  }

  if (PACKET_TYPES.has(prog.type)) {
    const scenario = req.scenario && scenarioNames().includes(req.scenario) ? req.scenario : 'mixed';
    view.scenario = scenario;
    const sc = createScenario(scenario, { seed, count, ratePps: req.ratePps });
    if (!sc.value) return fail(sc.diagnostics.map((d) => d.message).join('; '));
    // the traced replay for the execution counts (see the file comment)
    const replay = makeKernel();
    const counts = new Array<number>(prog.insns.length).fill(0);
    if (typeof replay !== 'string') {
      const again = createScenario(scenario, { seed, count: Math.min(count, TRACED_RUNS), ratePps: req.ratePps }).value!;
      const paths = new Map<string, { pcs: number[]; runs: number }>();
      for (const pkt of again.packets()) {
        const out = replay.kernel.run(replay.prog, { packet: pkt.bytes, trace: true, cpu: pkt.rxQueue % replay.kernel.cpus });
        for (const s of out.trace ?? []) if (s.frame === 0 && !s.prog) counts[s.pc]++;
        view.countedRuns++;
        // the path it took (for the States panel's paths view)
        const pcs: number[] = [];
        for (const s of out.trace ?? []) if (!s.prog) pcs.push(s.pc);
        if (pcs.length > MAX_TRACED_PATH_LEN) continue;
        const key = pcs.join(',');
        const have = paths.get(key);
        if (have) have.runs++;
        else if (paths.size < MAX_TRACED_PATHS) paths.set(key, { pcs, runs: 1 });
      }
      view.tracedPaths = [...paths.values()];
    }
    view.insnCounts = counts;
    view.state = 'ready';
    const s = new RunSession(k.kernel, prog.type, k.prog, view);
    s.reader = readerOf(req);
    s.drive = createDrive(k.kernel, k.prog, sc.value, {
      engine: view.engine, sample: FIRST_SAMPLES, keepFrames: 8, batch: Number.MAX_SAFE_INTEGER, reader: s.reader, keepEvents: MAX_EVENTS,
      onPacket: (pkt, fate, run) => s.onPacket(pkt, fate, run),
    });
    s.refreshMaps();
    return { session: s, view };
  }

  // tracing programs: the kernel event generator; `scenario` names one workload or several ('webserver,shell')
  const names = (req.scenario ?? '').split(',').map((x) => x.trim());
  const workloads = names.every((n) => (Object.keys(WORKLOADS) as string[]).includes(n)) ? (names as WorkloadName[]) : undefined;
  view.scenario = workloads?.join(',') ?? 'all workloads';
  const durationNs = req.durationMs !== undefined && Number.isFinite(req.durationMs) && req.durationMs > 0 ? Math.round(req.durationMs * 1e6) : undefined;
  const w = createWorldResult({ seed, cpus: k.kernel.cpus, workloads, durationNs });
  if (!w.value) return fail(w.error);
  // every tracing program of the object attaches, as a libbpf skeleton's attach() does
  const programs: DriveProgram[] = [{ prog: k.prog, section: prog.section, name: prog.name }];
  const obj = prog.object;
  if (obj) {
    const maps = objectMaps(obj).map((m) => ({ ...m.spec, type: m.typeName }));
    for (const bp of obj.programs.slice(1)) {
      const sec = progTypeForSection(bp.section);
      if (!sec || PACKET_TYPES.has(sec.type)) continue;
      const { insns, relocs } = linkProgram(bp);
      let probeMem: number[] | undefined;
      if (!req.noVerifier) {
        const ix = indexMapRefs(insns, relocs, maps.map((m) => m.name));
        const r = verify(ix.ok ? ix.insns : insns, { progType: sec.type, attachType: sec.def.attachType, attachTo: sec.target, maps, logLevel: 1, unprivileged: req.unprivileged });
        if (!r.accepted) return fail(`the verifier rejects ${bp.name} (SEC("${bp.section}")): ${r.error ?? 'rejected'}`);
        probeMem = [...(r.probeMem ?? []), ...(r.kernelLoads ?? [])];
      }
      const l = k.kernel.load(insns, { type: sec.type, relocs, name: bp.name, verified: !req.noVerifier, probeMem });
      if (!l.ok) return fail(`load ${bp.name}: ${l.message}`);
      programs.push({ prog: l.prog, section: bp.section, name: bp.name });
    }
  }
  view.state = 'ready';
  const s = new RunSession(k.kernel, prog.type, k.prog, view);
  s.world = { world: w.value, programs };
  s.refreshMaps();
  return { session: s, view };
}

type Stepped = RawSample & { trace?: TraceStep[]; retval: number; oops?: { kind: string; pc: number; message: string }; initialRegs: bigint[] };

/** The reader schedule asked for, when it is a sane one (else the default: it keeps up). */
function readerOf(req: SessionRequest): { pollEvery: number; perfPages?: number } | undefined {
  const r = req.reader;
  if (!r || !Number.isSafeInteger(r.pollEvery) || r.pollEvery < 1) return undefined;
  return Number.isSafeInteger(r.perfPages) && r.perfPages! >= 1 ? { pollEvery: r.pollEvery, perfPages: r.perfPages } : { pollEvery: r.pollEvery };
}

interface RawSample {
  index: number;
  pkt: SimPacket;
  verdict: string;
  steps: number;
  fate: string;
  out?: Uint8Array;
}

export class RunSession {
  readonly view: SessionView;
  drive?: Drive;
  /** The user-space reader's schedule (packet runs); set: records come from the driver's reader, with losses. */
  reader?: { pollEvery: number; perfPages?: number };
  world?: { world: World; programs: DriveProgram[] };
  private readonly last: RawSample[] = [];
  /** Packets the driver handed to onPacket so far. */
  private seen = 0;
  /** Samples are taken from this packet index on (the current batch's last LAST_SAMPLES). */
  private keepFrom = 0;
  private stepping = false;
  private stepped: Stepped | undefined;
  private t0: bigint | undefined;
  /** Time and packets of the bulk batches (Step's traced runs are not in the per-packet figure). */
  private runMs = 0;
  private bulkPackets = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly type: string,
    private readonly loaded: LoadedProgram,
    view: SessionView,
  ) {
    this.view = view;
  }

  get finished(): boolean {
    return this.view.state === 'done' || this.view.state === 'error';
  }

  /**
   * Called by the packet driver after each packet: the latest samples, trace lines and records.
   * Kept cheap (it runs a million times in a big run): a packet that printed nothing, emitted
   * nothing, did not fault and is not among the batch's last LAST_SAMPLES costs two compares.
   */
  onPacket(pkt: SimPacket, fate: string, run: PacketRun | undefined): void {
    const index = this.seen++;
    if (index === 0) this.t0 = pkt.timestampNs;
    if (!run) return;
    if (run.tracePipe.length !== 0 || run.events.length !== 0 || run.oops !== undefined || run.error !== undefined) this.onNoisyPacket(index, run);
    if (index >= this.keepFrom && index >= FIRST_SAMPLES) {
      const changed = !run.error && run.packet.changed();
      this.last.push({ index, pkt, verdict: verdictName(this.type, run), steps: run.steps, fate, out: changed ? run.packet.output() : undefined });
      if (this.last.length > 2 * LAST_SAMPLES) this.last.splice(0, this.last.length - LAST_SAMPLES);
    }
    if (this.stepping) {
      const initialRegs = new Array<bigint>(11).fill(0n);
      initialRegs[1] = run.packet.ctx.base;
      const stack = this.kernel.memory.stack(0, MAX_BPF_STACK);
      initialRegs[10] = stack.base + BigInt(stack.size);
      this.stepped = {
        index, pkt, verdict: verdictName(this.type, run), steps: run.steps, fate, out: !run.error && run.packet.changed() ? run.packet.output() : undefined,
        trace: run.trace, retval: run.retval, initialRegs, ...(run.oops ? { oops: { kind: run.oops.kind, pc: run.oops.pc, message: run.oops.message } } : {}),
      };
    }
  }

  private onNoisyPacket(index: number, run: PacketRun): void {
    const v = this.view;
    for (const line of run.tracePipe) v.tracePipe.push(line);
    v.tracePipeTotal += run.tracePipe.length;
    if (!this.reader) {
      for (const e of run.events) v.events.push({ index, map: e.map, kind: e.kind, hex: hexOf(e.data) });
      v.eventsTotal += run.events.length;
    }
    if (run.oops && !v.oops) v.oops = { index, kind: run.oops.kind, pc: run.oops.pc, message: run.oops.message };
    if (run.error && !v.runError) v.runError = `packet ${index}: ${run.error.message}`;
    if (v.tracePipe.length > 4 * MAX_TRACE_LINES) v.tracePipe.splice(0, v.tracePipe.length - MAX_TRACE_LINES);
    if (v.events.length > 4 * MAX_EVENTS) v.events.splice(0, v.events.length - MAX_EVENTS);
  }

  /** Run up to `max` more packets (or events). */
  advance(max: number, eventOpts?: DriveOptions): SessionView {
    const v = this.view;
    if (this.finished) return v;
    const n = Math.max(1, Math.floor(max));
    const t0 = performance.now();
    const before = v.done;
    v.state = 'running';
    if (this.drive) this.advancePackets(n);
    else if (this.world) this.advanceEvents(n, eventOpts);
    const took = performance.now() - t0;
    if (!this.stepping) {
      this.runMs += took;
      this.bulkPackets += v.done - before;
    }
    v.elapsedMs += took;
    const es = v.engine === 'fast' ? this.kernel.engineStats(this.loaded) : undefined;
    const failed = v.engine === 'fast' ? (this.kernel.engineFailure(this.loaded) ?? this.probeMemFallback()) : undefined;
    if (failed) v.engineFallback = failed;
    if (es) {
      v.compileMs = es.compileNs / 1e6;
      if (es.runs > 0 && Number.isFinite(es.nsPerRun)) v.nsPerRun = es.nsPerRun;
    }
    // the first batch also compiled the program: that time is reported apart, not per packet
    if (this.bulkPackets > 0 && this.drive) v.nsPerPacket = (Math.max(0, this.runMs - (v.compileMs ?? 0)) * 1e6) / this.bulkPackets;
    if (v.tracePipe.length > MAX_TRACE_LINES) v.tracePipe.splice(0, v.tracePipe.length - MAX_TRACE_LINES);
    if (v.events.length > MAX_EVENTS) v.events.splice(0, v.events.length - MAX_EVENTS);
    v.history.push({ done: v.done, verdicts: { ...v.verdicts } });
    if (v.history.length > MAX_HISTORY) v.history.splice(0, v.history.length - MAX_HISTORY);
    this.refreshMaps();
    this.refreshCounts();
    return v;
  }

  /** The exact counts so far (Kernel.countInsns), when the run counts. */
  private refreshCounts(): void {
    const v = this.view;
    if (!v.execCounts) return;
    const c = this.kernel.insnCounts(this.loaded);
    if (!c) return;
    v.execCounts = Array.from(c);
    v.execRuns = this.drive ? v.done : this.programRuns;
  }

  /** Runs of the editor's program on events so far (tracing programs). */
  private programRuns = 0;

  /** The JIT does not compile BPF_PROBE_MEM loads: a program with them runs on the reference interpreter (kernel.ts execute()). */
  private probeMemFallback(): string | undefined {
    const progs = this.world ? this.world.programs.map((p) => p.prog) : [this.loaded];
    const hit = progs.find((p) => p.probeMem?.length);
    return hit ? `${hit.name || 'the program'} reads kernel memory through BTF pointers: ${hit.probeMem!.length} BPF_PROBE_MEM load(s), which the JIT does not compile` : undefined;
  }

  /**
   * One more packet (or event). A packet runs on the reference interpreter with its register trace
   * (`view.stepped`), through the same driver, kernel and maps as the bulk runs.
   */
  step(): SessionView {
    if (this.world && !this.finished) return this.stepEvent();
    if (!this.drive || this.finished) return this.advance(1);
    this.kernel.tracePackets = true;
    this.stepping = true;
    this.stepped = undefined;
    try {
      this.advance(1);
    } finally {
      this.kernel.tracePackets = false;
      this.stepping = false;
    }
    const st = this.stepped as Stepped | undefined; // set by onPacket during advance
    if (st) {
      const trace = st.trace ?? [];
      this.view.stepped = {
        index: st.index, timeNs: Number(st.pkt.timestampNs - (this.t0 ?? st.pkt.timestampNs)), ifindex: st.pkt.ifindex, rxQueue: st.pkt.rxQueue,
        verdict: st.verdict, steps: st.steps, fate: st.fate, in: hexOf(st.pkt.bytes), ...(st.out ? { out: hexOf(st.out) } : {}),
        retval: st.retval, ...(st.oops ? { oops: st.oops } : {}), trace: trace.slice(0, STEP_TRACE_LIMIT), traceTruncated: trace.length > STEP_TRACE_LIMIT,
        initialRegs: st.initialRegs,
      };
    }
    return this.view;
  }

  private advancePackets(n: number): void {
    const v = this.view;
    this.keepFrom = this.seen + n - LAST_SAMPLES;
    const more = this.drive!.step(n);
    const r = this.drive!.result();
    v.verdicts = { ...r.verdicts };
    v.steps = r.steps;
    v.done = r.packets;
    const first: PacketSample[] = r.samples.map((s) => ({
      index: s.index, timeNs: Number(s.timestampNs - (this.t0 ?? s.timestampNs)), ifindex: s.ifindex, rxQueue: s.rxQueue,
      verdict: s.verdict, steps: s.steps, fate: s.fate, in: hexOf(s.before), ...(s.after ? { out: hexOf(s.after) } : {}),
    }));
    if (this.last.length > LAST_SAMPLES) this.last.splice(0, this.last.length - LAST_SAMPLES);
    const latest = this.last.filter((s) => s.index >= FIRST_SAMPLES).map((s) => ({
      index: s.index, timeNs: Number(s.pkt.timestampNs - (this.t0 ?? s.pkt.timestampNs)), ifindex: s.pkt.ifindex, rxQueue: s.pkt.rxQueue,
      verdict: s.verdict, steps: s.steps, fate: s.fate, in: hexOf(s.pkt.bytes), ...(s.out ? { out: hexOf(s.out) } : {}),
    }));
    v.samples = [...first, ...latest];
    v.interfaces = r.interfaces.map((i) => ({ name: i.name, rx: i.rx, passed: i.passed, dropped: i.dropped, tx: i.tx }));
    v.xsk = r.xsk.map((x) => ({ map: x.map, queue: x.queue, received: x.received }));
    if (this.reader) {
      // what the reader got, as it polled (the first MAX_EVENTS records), and what the perf buffers lost
      v.events = r.events.map((e) => ({ index: e.index, map: e.map, kind: e.kind, hex: hexOf(e.data) }));
      v.eventsTotal = r.eventCount;
      v.perfLost = { ...r.perfLost };
      v.reader = this.reader;
    }
    if (!more || v.done >= v.total) {
      v.total = v.done;
      v.state = 'done';
    } else v.state = 'paused';
  }

  /**
   * Step for tracing programs: the world runs on (every attached program, on the reference
   * interpreter, traced) up to and including the next event the editor's program runs on; that
   * run's register trace becomes `view.stepped` (its context bytes as `in`, the event as `event`).
   */
  private stepEvent(): SessionView {
    let caught: EventRun | undefined;
    this.stepping = true;
    try {
      this.advance(1, {
        trace: true, batchSize: 1,
        onRun: (x) => {
          if (!caught && x.program.prog === this.loaded) caught = x;
        },
        onBatch: () => (caught === undefined ? undefined : false),
      });
    } finally {
      this.stepping = false;
    }
    if (caught) this.view.stepped = steppedEvent(caught, this.kernel, this.type);
    return this.view;
  }

  private advanceEvents(n: number, extra?: DriveOptions): void {
    const v = this.view;
    const w = this.world!;
    const left = v.total - v.done;
    const r = driveEvents(this.kernel, w.programs, w.world, {
      engine: v.engine, maxEvents: extra ? left : Math.min(n, left), seed: v.seed + v.done, maxTraceLines: MAX_TRACE_LINES, maxRecords: MAX_EVENTS,
      ...extra,
    });
    if (!r.ok) {
      v.runError = r.error;
      v.state = 'error';
      return;
    }
    v.done += r.events;
    v.verdicts.runs = (v.verdicts.runs ?? 0) + r.runs;
    for (const st of r.programs) {
      if (st.name === w.programs[0].name) this.programRuns += st.runs;
      if (r.programs.length > 1) v.verdicts[`runs of ${st.name}`] = (v.verdicts[`runs of ${st.name}`] ?? 0) + st.runs;
      if (st.oopses) v.verdicts.oops = (v.verdicts.oops ?? 0) + st.oopses;
      if (st.firstOops && !v.oops) v.oops = { index: v.done, kind: 'oops', pc: -1, message: `${st.name}: ${st.firstOops}` };
    }
    if (r.denials) v.verdicts.denied = (v.verdicts.denied ?? 0) + r.denials;
    for (const l of r.tracePipe) v.tracePipe.push(l);
    v.tracePipeTotal += r.tracePipeLines;
    for (const rec of r.records) v.events.push({ index: rec.eventId, map: rec.map, kind: rec.kind, hex: hexOf(rec.data) });
    v.eventsTotal += r.recordCount;
    if (!r.stopped || r.events === 0 || v.done >= v.total) {
      v.total = v.done;
      v.state = 'done';
    } else v.state = 'paused';
  }

  /** Edit a map from "user space" (bpftool map update/delete). */
  mapOp(op: MapOp): SessionView {
    const m = this.kernel.map(op.map);
    const v = this.view;
    if (!m) {
      v.mapError = `no map named '${op.map}'`;
      return v;
    }
    const r = op.op === 'delete' ? mapDeleteHex(m, op.key) : mapUpdateHex(m, op.key, op.value ?? '');
    v.mapError = r.ok ? undefined : `${op.map}: ${r.message}`;
    this.refreshMaps();
    return v;
  }

  refreshMaps(): void {
    const maps: SessionMap[] = [];
    for (const m of this.kernel.maps) {
      const all = m.type === 'ringbuf' || m.type === 'perf_event_array' ? [] : m.entries();
      maps.push({
        name: m.name, type: m.type, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, perCpu: m.perCpu,
        total: all.length,
        entries: all.slice(0, MAX_MAP_ENTRIES).map((e) => ({ key: hexOf(e.key), value: Array.isArray(e.value) ? e.value.map(hexOf) : hexOf(e.value) })),
      });
    }
    this.view.maps = maps;
  }
}
