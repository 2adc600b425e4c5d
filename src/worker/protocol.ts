/**
 * The worker protocol: the only shapes that cross between the page and the compute worker.
 *
 * Every message is `{ id, type, payload }` (STYLE §3.9, after the Svelte REPL's worker protocol).
 * The page sends a `Request`; the worker answers exactly one `Response` with the same id. Errors
 * travel as data — diagnostics inside a `run` answer, or a `failure` answer — never as a thrown
 * exception across the boundary. Registers stay `bigint` (structured-cloneable).
 *
 * Positions are sent already converted to 1-based line/column (the worker has the source text),
 * so the page never has to re-derive them from byte offsets.
 *
 * Types only: no runtime code lives here, so both sides (and the state stores) can import it.
 */
import type { Severity } from '../diag/diagnostic.ts';
import type { Oops, TraceStep } from '../vm/index.ts';
import type { RecordTypes } from '../compiler/recordTypes.ts';

/** A 1-based line and column in the source that was run. */
export interface SourcePos {
  line: number;
  col: number;
}

/** A diagnostic with its span resolved to line:col (end is exclusive, like the span). */
export interface WireDiagnostic {
  code: number;
  severity: Severity;
  message: string;
  notes?: string[];
  start?: SourcePos;
  end?: SourcePos;
  /** Which stage produced it; 'input' = the `mem` input (positions are in the mem text). */
  stage: 'asm' | 'c' | 'isa' | 'verify' | 'run' | 'input';
}

/** One 8-byte slot of the assembled program, as the Bytecode panel lists it. */
export interface BytecodeRow {
  pc: number;
  /** The 8 bytes as lowercase hex pairs separated by spaces, in memory order. */
  hex: string;
  /** LLVM-syntax text; '' on the second slot of an ld_imm64. */
  text: string;
  /** 1-based source line that produced the slot, when known. */
  line?: number;
  /** C: the text of that source line (trimmed), from the object's line info. */
  src?: string;
}

/** What the VM said about the run (a subset of RunResult, without the trace). */
export interface RunSummary {
  r0: bigint;
  exited: boolean;
  oops?: Oops;
  steps: number;
  /** Final r0..r10 of frame 0. */
  regs: bigint[];
  /** The instruction budget the run had. */
  budget: number;
}

/** What the verifier said (src/verifier, the Linux 6.18 re-implementation). */
export interface VerifierSummary {
  /** The program type verified against (kernel name: 'xdp', 'sched_cls', …). */
  progType: string;
  accepted: boolean;
  /** The kernel's one-line complaint; null when accepted. */
  error: string | null;
  /** The kernel-format log at the requested level. */
  log: string;
  processed: number;
  logLevel: 1 | 2;
  /** The pc of the instruction the rejection is about (the last `N: (..)` line of the log), when there is one. */
  errorPc?: number;
}

/** A BPF_PROG_TEST_RUN-like run in the simulated kernel (C programs, one default packet). */
export interface KernelRunSummary {
  progType: string;
  retval: number;
  /** 'XDP_DROP', 'TC_ACT_OK', … or null. */
  retvalName: string | null;
  steps: number;
  /** Set when the run faulted or hit its budget. */
  oops?: { kind: string; pc: number; message: string };
  /** A one-line description of the packet the program ran on. */
  packet: string;
  tracePipe: string[];
}

/** The answer to a `run` request. */
export interface RunOutcome {
  /** The verifier's verdict and log; absent when nothing reached the verifier. */
  verifier?: VerifierSummary;
  /** C programs: the run in the simulated kernel (instead of the raw `run`). */
  kernelRun?: KernelRunSummary;
  diagnostics: WireDiagnostic[];
  /** Empty when assembly failed. */
  bytecode: BytecodeRow[];
  /** Absent when the program was not run (assembly or validation errors). */
  run?: RunSummary;
  /** The first `traceLimit` executed instructions. */
  trace: TraceStep[];
  /** True when the run executed more instructions than the trace kept. */
  traceTruncated: boolean;
  /** r0..r10 before the first instruction (r10 = frame pointer of frame 0). */
  initialRegs: bigint[];
}

export interface RunRequest {
  source: string;
  /** File name used in diagnostics. */
  file: string;
  /** Max instructions executed (VM default when absent). */
  budget?: number;
  /** Max trace steps kept (default 10 000). */
  traceLimit?: number;
  /**
   * The `mem` input as hex text (`parseHex` syntax: pairs of digits, optional separators). The
   * bytes are copied into a writable region; r1 = its address, r2 = its length. Absent or blank:
   * r1 = r2 = 0.
   */
  mem?: string;
  /** Program type for the verifier (a `--type` name: xdp, tc, socket, …); default 'xdp'. C takes it from SEC(). */
  progType?: string;
  /** Verifier log level (default 1). */
  logLevel?: 1 | 2;
}

export type FailureKind = 'internal' | 'timeout' | 'crashed' | 'cancelled';

export interface Failure {
  kind: FailureKind;
  message: string;
}

/** Verify as you type: compile/assemble and verify only (no run). */
export interface VerifyRequest {
  source: string;
  file: string;
  /** A `--type` name; C: overrides SEC() when set. */
  progType?: string;
  logLevel?: 1 | 2;
  /** Verify with the unprivileged loader's rules. */
  unprivileged?: boolean;
  /** Also collect the per-instruction state texts (the state tree panel); default true. */
  states?: boolean;
  /** Also record the explored paths (the States panel's paths view; cheap); default: as `states`. */
  explore?: boolean;
}

/** One instruction visit of the verifier's walk (src/verifier/explore.ts ExploredNode, without the state). */
export interface ExploredPathNode {
  insn: number;
  /** Node this one was reached from, -1 for the entry. */
  parent: number;
  edge: 'entry' | 'fallthrough' | 'jump' | 'branch' | 'call' | 'return';
  checkpoint: boolean;
  pruned: boolean;
  prunedBy: number;
}

export interface CfgView {
  blocks: { id: number; start: number; end: number }[];
  edges: { from: number; to: number; kind: 'fall' | 'taken' | 'call' }[];
}

export interface VerifyOutcome {
  diagnostics: WireDiagnostic[];
  bytecode: BytecodeRow[];
  verifier?: VerifierSummary;
  /** Program type and attach point as SEC() gives them (C), or as chosen (assembly). */
  progType?: string;
  section?: string;
  attachTo?: string;
  cfg?: CfgView;
  /** pcs of the path the verifier was on when it rejected. */
  failingPath?: number[];
  /** Per instruction, the verifier's abstract states (capped). */
  states?: string[][];
  /** The verifier's explored nodes (with `explore`, default `states`), for the States panel's paths view. */
  explored?: { nodes: ExploredPathNode[]; truncated: boolean };
  /** Time spent in the worker (ms). */
  workerMs: number;
}

/** Start a run session: a program fed a traffic scenario in batches. */
export interface SessionRequest {
  source: string;
  file: string;
  progType?: string;
  /** Scenario name (src/sim/nic: web, iperf, synflood, portscan, mixed). */
  scenario?: string;
  seed?: number;
  count?: number;
  ratePps?: number;
  /** Tracing programs: how long the simulated world runs (ms of simulated time; default 2000). */
  durationMs?: number;
  engine?: 'ref' | 'fast';
  /** Packet runs: the ring/perf-buffer reader's schedule (src/sim/nic/drive.ts `DriveOptions.reader`). */
  reader?: { pollEvery: number; perfPages?: number };
  /** Load and run even when the verifier would reject (shows the simulated oops). */
  noVerifier?: boolean;
  unprivileged?: boolean;
  logLevel?: 1 | 2;
  /** Exact per-instruction execution counts of every run (`SessionView.execCounts`); default true. */
  counts?: boolean;
}

export interface PacketSample {
  index: number;
  /** ns since the scenario's first packet. */
  timeNs: number;
  ifindex: number;
  rxQueue: number;
  verdict: string;
  steps: number;
  /** Frame bytes in (lowercase hex). */
  in: string;
  /** Frame bytes out, when the program changed the packet. */
  out?: string;
  redirect?: string;
  /** Where the packet went (the NIC driver's words): 'stack', 'drop', 'tx eth0', 'xsk queue 1', … */
  fate?: string;
}

/** One packet run by Step (the reference interpreter, traced), as the driver handled it. */
export interface SteppedPacket extends PacketSample {
  retval: number;
  oops?: { kind: string; pc: number; message: string };
  /** The first STEP_TRACE_LIMIT executed instructions. */
  trace: TraceStep[];
  traceTruncated: boolean;
  /** r0..r10 before the first instruction (r1 = the context, r10 = the frame pointer). */
  initialRegs: bigint[];
  /** Tracing programs: the kernel event the program ran on (then `in` is its context bytes, `rxQueue` its CPU). */
  event?: string;
}

export interface SessionMap {
  name: string;
  type: string;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  perCpu: boolean;
  /** Entries in the map (may be more than listed). */
  total: number;
  entries: { key: string; value: string | string[] }[];
}

export interface MapOp {
  map: string;
  op: 'update' | 'delete';
  key: string;
  value?: string | string[];
}

export interface SessionView {
  /** Set on answers after `session.start`: the static parts are left out (see dispatch.ts). */
  partial?: boolean;
  state: 'error' | 'ready' | 'running' | 'paused' | 'done';
  progType: string;
  section: string;
  attachTo: string;
  scenario: string;
  seed: number;
  total: number;
  done: number;
  verdicts: Record<string, number>;
  /** Verdict counts after each batch (for the chart). */
  history: { done: number; verdicts: Record<string, number> }[];
  /** Instructions executed, all runs. */
  steps: number;
  engine: 'ref' | 'fast';
  /** Mean time per packet through the NIC driver (program, simulated kernel and driver), ns. */
  nsPerPacket?: number;
  /** The fast engine's own ns per run of the program (when its runner times runs). */
  nsPerRun?: number;
  /** Compiling the program to WebAssembly for the fast engine (ms). */
  compileMs?: number;
  /** The fast engine's mode: 'proven' (our verifier accepted the program, checks it guarantees are dropped) or 'checked'. */
  engineMode?: 'proven' | 'checked';
  /** Set when the fast engine could not compile the program: why (the runs went to the reference interpreter). */
  engineFallback?: string;
  /** The last packet run by Step: on the reference interpreter, with its register trace. */
  stepped?: SteppedPacket;
  /** Per interface: packets received, passed up, dropped, sent (the NIC driver's counts). */
  interfaces?: { name: string; rx: number; passed: number; dropped: number; tx: number }[];
  /** AF_XDP sockets and what they received. */
  xsk?: { map: string; queue: number; received: number }[];
  samples: PacketSample[];
  tracePipe: string[];
  tracePipeTotal: number;
  events: { index: number; map: string; kind: 'ringbuf' | 'perf'; hex: string }[];
  eventsTotal: number;
  /** C programs: the record type of each ring/perf-buffer map, to decode `events` with (absent: none known). */
  recordTypes?: RecordTypes;
  /** Perf samples lost per map (the reader polled late and a perf buffer was full); set with a reader schedule. */
  perfLost?: Record<string, number>;
  /** The reader schedule the run used (packet runs with `SessionRequest.reader`). */
  reader?: { pollEvery: number; perfPages?: number };
  maps: SessionMap[];
  mapError?: string;
  /** Per pc: how often it executed in the `countedRuns` traced runs (a replay of the first packets). */
  insnCounts: number[];
  countedRuns: number;
  /**
   * Exact execution counts of the editor's program over every packet (or event) run so far, per
   * pc: all frames (subprograms, callbacks), both engines, the Step runs included; instructions of
   * tail-called programs count for those programs, not here. Sent with every batch (unlike
   * `insnCounts`); absent when the run does not count (`SessionRequest.counts: false`).
   */
  execCounts?: number[];
  /** Runs of the editor's program behind `execCounts` (packets run, or the program's runs on events). */
  execRuns?: number;
  /**
   * The distinct instruction paths of those traced runs (pcs executed, all frames, tail-called
   * programs left out) with how many runs took each; capped (MAX_TRACED_PATHS paths of at most
   * MAX_TRACED_PATH_LEN pcs; longer runs are left out). The States panel lays them over the
   * verifier's explored paths.
   */
  tracedPaths?: { pcs: number[]; runs: number }[];
  oops?: { index: number; kind: string; pc: number; message: string };
  runError?: string;
  diagnostics: WireDiagnostic[];
  bytecode: BytecodeRow[];
  verifier?: VerifierSummary;
  cfg?: CfgView;
  failingPath?: number[];
  states?: string[][];
  note?: string;
  /** Worker time spent running so far (ms). */
  elapsedMs: number;
}

/** Ask for a counterexample to a packet or map-value access rejection (worker/counterexample.ts), or replay one (`replayHex`). */
export interface CounterexampleRequest {
  source: string;
  file: string;
  progType?: string;
  /** Replay exactly this packet (hex) without the verifier, at the rejected pc, instead of searching. */
  replayHex?: string;
  /** With `replayHex`: also send the replay's step trace (for the Trace pane). */
  withTrace?: boolean;
  /** Search in slices of about this many ms: the answer has `more` until done; ask again with `resume`. */
  sliceMs?: number;
  /** Continue the search the previous sliced request for the same program started. */
  resume?: boolean;
}

/** One packet run without the verifier, as seen at the rejected instruction. */
export interface CounterexampleReplay {
  /** XDP_PASS, TC_ACT_OK, the number, or why the test run refused the packet. */
  verdict: string;
  /** r0 as the test run's retval (unsigned 32 bits), when the run ended without an oops. */
  retval?: number;
  steps: number;
  packetLen: number;
  /** The run executed the rejected instruction (or oopsed at it). */
  reachedPc: boolean;
  /** The access at the rejected pc, when it touched bytes outside [data, data_end). */
  access?: {
    store: boolean;
    size: number;
    /** Offset of the access from data. */
    offset: number;
    packetLen: number;
    /** Bytes past data_end / before data. */
    beyond: number;
    before: number;
    /** What a load read (hex), from the register trace. */
    value?: string;
    /** The object the pointer belongs to (absent: the packet); `packetLen` is then its size. */
    object?: 'packet' | 'map value';
    /** The rejected instruction is pointer arithmetic: it moved the pointer there (no access; `size` 0). */
    pointer?: boolean;
  };
  oops?: { kind: string; pc: number; message: string };
}

export interface Counterexample {
  pc: number;
  /** The scenario packet it was cut from (`udp4 → port 5001`) and that packet's full length. */
  kind: string;
  fullLength: number;
  hex: string;
  /** tcpdump-style one line, and the dissector's layer titles (one a line). */
  summary: string;
  dissection: string;
  /** Source position of the rejected instruction. */
  line?: number;
  col?: number;
  /** The search's own run of it. */
  run: CounterexampleReplay;
  /** What the bytes are: a packet (default) or a tracing program's context (pt_regs, …). */
  input?: 'packet' | 'ctx';
  /** Header / context fields the search changed from the seed (`ip.hdr_len`: `20 bytes (5)` → `60 bytes (15)`). */
  changes?: { name: string; from: string; to: string }[];
}

export interface CounterexampleOutcome {
  /** False when the verdict is not a packet-access rejection of a packet program (nothing offered). */
  applies: boolean;
  found?: Counterexample;
  /** Why nothing was found ("no counterexample among N packets tried"). */
  message?: string;
  tried: number;
  ms: number;
  /** The answer to a `replayHex` request. */
  replay?: CounterexampleReplay;
  replayError?: string;
  /** A sliced search that has not finished: ask again with `resume`. */
  more?: boolean;
  /** `withTrace` replays: the run's step trace and r0..r10 before its first instruction. */
  trace?: { steps: TraceStep[]; initialRegs: bigint[]; truncated: boolean };
}

export type WorkerRequest =
  | { id: number; type: 'run'; payload: RunRequest }
  | { id: number; type: 'verify'; payload: VerifyRequest }
  | { id: number; type: 'session.start'; payload: SessionRequest }
  | { id: number; type: 'session.advance'; payload: { max: number } }
  | { id: number; type: 'session.step'; payload: Record<string, never> }
  | { id: number; type: 'session.map'; payload: MapOp }
  | { id: number; type: 'counterexample'; payload: CounterexampleRequest };

export type WorkerResponse =
  | { id: number; type: 'run'; payload: RunOutcome }
  | { id: number; type: 'verify'; payload: VerifyOutcome }
  | { id: number; type: 'session'; payload: SessionView }
  | { id: number; type: 'counterexample'; payload: CounterexampleOutcome }
  | { id: number; type: 'failure'; payload: Failure };

/** What the client hands back for one request: a value or a failure, never a rejection. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: Failure };
