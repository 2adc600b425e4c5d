/**
 * Types shared by the interpreter, the helper API and the public entry: helper functions, trace
 * steps, oops values, execution options and results.
 *
 * Deliberately not here: behaviour. Provenance: the VM contract agreed in the project brief.
 */
import type { VmApi } from './api.ts';
import type { OopsKind } from './oops.ts';
import type { Insn } from '../isa/insn.ts';

export type HelperFn = (vm: VmApi, r1: bigint, r2: bigint, r3: bigint, r4: bigint, r5: bigint) => bigint;

export interface TraceStep {
  pc: number;
  frame: number;
  /** How many tail calls preceded this step (absent when none): pcs index the tail-called program. */
  prog?: number;
  /** Registers written by this step (reg, new value as unsigned 64-bit). */
  regs: Array<[number, bigint]>;
  /** Memory written by this step (by the instruction or by the helper it called). */
  mem: Array<{ addr: bigint; size: number; value: bigint }>;
}

/**
 * Where exact per-instruction counts go, per program: the counter array of the program whose
 * instructions are `prog` (one entry per 8-byte slot; the same array every time for the same
 * `prog` object). Programs are told apart by the identity of their instruction array.
 */
export type InsnCounter = (prog: readonly Insn[]) => Float64Array;

export interface Oops {
  kind: OopsKind;
  pc: number;
  address?: bigint;
  /** A simulated kernel oops report, multi-line. */
  message: string;
}

export interface ExecOptions {
  budget: number;
  trace: boolean;
  helpers: Record<number, HelperFn>;
  /** Helper id → name for oops messages. */
  helperName?: (id: number) => string | undefined;
  /** First pc (default 0). */
  entryPc?: number;
  /**
   * Where BPF_PROBE_MEM loads read kernel objects the Memory does not map (the simulated host's
   * kernel address space); undefined: unmapped (the load gives 0, as the JIT's exception fixup).
   */
  probeRead?: (addr: bigint, size: number) => Uint8Array | undefined;
  /**
   * Exact execution counts of the entry program: `counts[pc]` is incremented each time the
   * instruction at `pc` executes (as a trace step would be recorded: a faulting instruction counts,
   * an instruction the budget stops before does not), in every frame (bpf-to-bpf calls, callbacks).
   */
  counts?: Float64Array;
  /** The counter array of a tail-called program (its instructions, as given to vm.tailCall); undefined: not counted. */
  countsOf?: InsnCounter;
  /** Set when a helper runs a callback (vm.callFunction): the nested run's place in the outer one. */
  nest?: { frameBase: number; steps: number; trace?: TraceStep[]; callers: number[] };
}

/** Most tail calls one run may chain (the kernel's MAX_TAIL_CALL_CNT). */
export const MAX_TAIL_CALL_CNT = 33;

export interface ExecResult {
  r0: bigint;
  exited: boolean;
  oops?: Oops;
  steps: number;
  trace?: TraceStep[];
  /** r0..r10 when execution stopped (frame 0's after a normal exit; the faulting frame's after an oops). */
  regs: bigint[];
  /** True when a helper ended the run with vm.stop. */
  stopped?: boolean;
}
