/**
 * The VM's public entry: `runProgram(insns, opts)` runs a program on the reference interpreter over
 * a `Memory` (a fresh one, or the caller's so maps and packets persist across runs) and returns r0,
 * whether it exited, an oops if it stopped abnormally, the step count, the optional trace, the final
 * registers and the final `mem` bytes. Conformance convention: `mem` is copied into a writable
 * region, r1 = its address and r2 = its length (r1 = r2 = 0 without `mem`); r10 = the top of frame
 * 0's 512-byte stack.
 *
 * Deliberately not here: program types and contexts (src/kernel builds ctx regions and passes r1
 * through `args`), the fast WebAssembly engine, conformance-file handling (conformance.ts, which
 * needs node:fs and is therefore not re-exported). Provenance: contract agreed in the project brief.
 */
import type { Insn } from '../isa/insn.ts';
import { MAX_BPF_STACK } from '../isa/opcodes.ts';
import { decodeProgram, type LdImm64Resolver } from './decode.ts';
import { execute, type HelperFn, type Oops, type TraceStep } from './interpreter.ts';
import type { InsnCounter } from './types.ts';
import { Memory } from './memory.ts';
import { helperName as uapiHelperName } from '../kernel/helpers/names.ts';

export { Memory, AREA_HI, PROG_TEXT_BASE, XDP_PACKET_HEADROOM, hex16 } from './memory.ts';
export type { Region, RegionKind, Perm, Translation } from './memory.ts';
export type { VmApi } from './api.ts';
export type { HelperFn, Oops, TraceStep } from './interpreter.ts';
export type { InsnCounter } from './types.ts';
export type { OopsKind } from './oops.ts';
export { MAX_TAIL_CALL_CNT } from './interpreter.ts';
export type { LdImm64Resolver } from './decode.ts';

export interface RunOptions {
  /** Copied into a writable region; r1 = its address, r2 = its length; r1 = r2 = 0 when absent. */
  mem?: Uint8Array;
  /** Max instructions executed (default 1_000_000). */
  budget?: number;
  /** Record a TraceStep per executed instruction. */
  trace?: boolean;
  helpers?: Record<number, HelperFn>;
  // ---- additions beyond the agreed contract (all optional) ----
  /** Run in this memory (maps, packets and ctx the caller allocated stay mapped); default: a fresh one. */
  memory?: Memory;
  /** Initial r1..r5 (index 0 = r1); overrides the `mem` convention for the registers given. */
  args?: bigint[];
  /** Resolves pseudo ld_imm64 (map fds, map values, BTF ids); BPF_PSEUDO_FUNC is resolved built-in. */
  ldImm64?: LdImm64Resolver;
  /** Helper id → name, for oops messages (default: the UAPI helper list). */
  helperName?: (id: number) => string | undefined;
  /** The loader rewrote loads into BPF_PROBE_MEM(SX) (0x20/0x40 modes): execute them (else they are invalid opcodes). */
  probeMem?: boolean;
  /** Kernel memory outside `memory` for BPF_PROBE_MEM loads (ExecOptions.probeRead). */
  probeRead?: (addr: bigint, size: number) => Uint8Array | undefined;
  /**
   * Exact per-instruction execution counts, per program (this one: `counts(insns)`, a tail-called
   * one: `counts(its insns)`), added to as the program runs (ExecOptions.counts).
   */
  counts?: InsnCounter;
}

export interface RunResult {
  /** Unsigned 64-bit. */
  r0: bigint;
  /** True when the outermost frame executed exit (or a helper ended the program via vm.stop). */
  exited: boolean;
  oops?: Oops;
  /** Instructions executed. */
  steps: number;
  trace?: TraceStep[];
  /** Final r0..r10 (unsigned): frame 0's after exit; the stopping frame's after an oops. */
  regs: bigint[];
  /** Final contents of the mem region. */
  mem?: Uint8Array;
}

export const DEFAULT_BUDGET = 1_000_000;

export function runProgram(insns: readonly Insn[], opts: RunOptions = {}): RunResult {
  const memory = opts.memory ?? new Memory();
  const decoded = decodeProgram(insns, opts.ldImm64, opts.probeMem === true);
  const stack = memory.stack(0, MAX_BPF_STACK);
  memory.bytes.fill(0, stack.offset, stack.offset + stack.size);
  const region = opts.mem ? memory.allocBytes('ctx', opts.mem, { name: 'mem' }) : undefined;
  const regs: bigint[] = new Array(11).fill(0n);
  if (region) {
    regs[1] = region.base;
    regs[2] = BigInt(region.size);
  }
  opts.args?.forEach((v, k) => {
    if (k < 5) regs[k + 1] = BigInt.asUintN(64, v);
  });
  regs[10] = stack.base + BigInt(stack.size);
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const res = execute(decoded, memory, regs, {
    budget: Number.isFinite(budget) && budget >= 0 ? Math.floor(budget) : DEFAULT_BUDGET,
    trace: opts.trace ?? false,
    helpers: opts.helpers ?? {},
    helperName: opts.helperName ?? uapiHelperName,
    probeRead: opts.probeRead,
    ...(opts.counts ? { counts: opts.counts(insns), countsOf: opts.counts } : {}),
  });
  const out: RunResult = { r0: res.r0, exited: res.exited, steps: res.steps, regs: res.regs };
  if (res.oops) out.oops = res.oops;
  if (res.trace) out.trace = res.trace;
  if (region) {
    out.mem = memory.regionBytes(region);
    if (opts.memory) memory.freeRegion(region);
  }
  return out;
}
