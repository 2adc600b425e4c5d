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

export type WorkerRequest = { id: number; type: 'run'; payload: RunRequest };

export type WorkerResponse =
  | { id: number; type: 'run'; payload: RunOutcome }
  | { id: number; type: 'failure'; payload: Failure };

/** What the client hands back for one request: a value or a failure, never a rejection. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: Failure };
