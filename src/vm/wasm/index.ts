/**
 * The fast engine's public API: `compileWasm` (eBPF → a compiled WebAssembly module, cached by the
 * program's bytes), `runFast` (a drop-in for `runProgram` that runs the compiled module and returns
 * the same `RunResult`, bit for bit) and `fastRunner` (a prepared program + memory for bulk runs:
 * packets per second without per-run decoding or allocation).
 *
 * Modes: 'checked' (default; for programs run without the verifier: every access the translator
 * cannot place statically is region-checked and a bad one is the interpreter's oops) and 'proven'
 * (the program was accepted by the verifier: context accesses are unchecked, as the kernel JIT
 * emits plain loads; see translate.ts for what stays checked and why the WebAssembly memory bounds
 * are the last line). `inline` lets array-map lookups and bpf_get_smp_processor_id run inside
 * WebAssembly (static.ts, InlineSpec). The cache key covers the bytes, resolved ld_imm64 values,
 * mode and inlined-map layout; a runner reports compile time and run statistics (`stats`).
 * `count: true` (or RunOptions.counts / RunnerOptions.counts) compiles the counting mode: exact
 * per-instruction execution counts, per program (tail calls included), flushed into an
 * `InsnCounter`'s arrays (`runner.flushCounts()`, `flushCounts(memory, counter)`).
 *
 * Deliberately not here: tracing (`runFast` refuses `trace: true` with an error value: the reference
 * interpreter is the traceable engine), engine choice (the caller picks: trace → runProgram, bulk →
 * runFast / fastRunner).
 * Provenance: contract from the project's issue 8; code is our own.
 */
import type { Insn } from '../../isa/insn.ts';
import { MAX_BPF_STACK } from '../../isa/opcodes.ts';
import type { LdImm64Resolver } from '../decode.ts';
import { DEFAULT_BUDGET, runProgram, type RunOptions, type RunResult } from '../index.ts';
import { Memory } from '../memory.ts';
import { helperName as uapiHelperName } from '../../kernel/helpers/names.ts';
import type { HelperFn, InsnCounter } from '../types.ts';
import { defaultCache, EngineCache, type WasmProgram } from './engine.ts';
import { compileCached, compileCachedAsync } from './compile.ts';
import { hostFor, splitArgs, type Instance, type Pending, type WasmHost } from './host.ts';
import type { TranslateOptions } from './static.ts';

export { EngineCache, defaultCache } from './engine.ts';
export type { WasmProgram } from './engine.ts';
export type { InlineArray, InlineHash, InlineSpec, TranslateOptions } from './static.ts';

export interface CompileOptions extends TranslateOptions {
  /** Resolves pseudo ld_imm64 (map fds …) exactly as `RunOptions.ldImm64` does. */
  ldImm64?: LdImm64Resolver;
  /** Compilation cache (default: the shared `defaultCache`). */
  cache?: EngineCache;
}

const tOpts = (o: TranslateOptions): TranslateOptions => ({ mode: o.mode, inline: o.inline, ...(o.count ? { count: true } : {}) });

export type CompileResult =
  | { ok: true; engine: WasmProgram; compileNs: number; cached: boolean }
  | { ok: false; error: string };

/** Translate and compile a program (or fetch it from the cache). Never throws. */
export function compileWasm(insns: readonly Insn[], opts: CompileOptions = {}): CompileResult {
  const c = guard(() => compileCached(insns, opts.ldImm64, opts.cache ?? defaultCache, tOpts(opts)));
  if (!c.ok) return c;
  return { ok: true, engine: c.program, compileNs: c.program.compileNs, cached: c.cached };
}

/**
 * A run's result: `engine` says which engine ran it. When the program cannot be compiled (beyond the
 * WebAssembly engine's limits, e.g. a function body over 7.6 MB, roughly 200k slots of branchy code), runFast runs
 * the reference interpreter instead and says why in `fallback`.
 */
/** `compileWasm` with asynchronous WebAssembly compilation (for a browser's main thread). Never rejects. */
export async function compileWasmAsync(insns: readonly Insn[], opts: CompileOptions = {}): Promise<CompileResult> {
  let c: Awaited<ReturnType<typeof compileCachedAsync>>;
  try {
    c = await compileCachedAsync(insns, opts.ldImm64, opts.cache ?? defaultCache, tOpts(opts));
  } catch (e) {
    c = { ok: false, error: `cannot compile: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!c.ok) return c;
  return { ok: true, engine: c.program, compileNs: c.program.compileNs, cached: c.cached };
}

/** Malformed input (a slot that is not an object, a resolver that throws) as an error value. */
function guard<T>(f: () => T | { ok: false; error: string }): T | { ok: false; error: string } {
  try {
    return f();
  } catch (e) {
    return { ok: false, error: `cannot compile: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export type FastRunResult = (RunResult & { ok: true; engine: 'wasm' | 'interpreter'; fallback?: string }) | { ok: false; error: string };

/** runProgram's budget rule, capped at 2^53 - 1 (the engine counts in exact integers; no run gets that far). */
const budgetOf = (b: number | undefined) => {
  const x = b ?? DEFAULT_BUDGET;
  return Number.isFinite(x) && x >= 0 ? Math.min(Math.floor(x), Number.MAX_SAFE_INTEGER) : DEFAULT_BUDGET;
};

function result(host: WasmHost, status: 0 | 1 | 2, budget: number, pending = host.lastPending, error = host.lastError): RunResult | { error: string } {
  if (status === 2) return { error: `internal error in the WebAssembly engine: ${error}` };
  if (status === 0) {
    const regs = host.exitRegs();
    return { r0: regs[0], exited: true, steps: budget - host.stepsLeft(), regs };
  }
  const p = pending!;
  const out: RunResult = {
    r0: p.stopR0 ?? p.regs[0],
    exited: p.stopR0 !== undefined && !p.oops,
    steps: p.steps,
    regs: p.regs,
  };
  if (p.oops) out.oops = p.oops;
  return out;
}

/**
 * `runProgram` on the WebAssembly engine: same options (except `trace`), same result. Conventions
 * as runProgram: `mem` is copied into a writable region (r1 = address, r2 = length), `args`
 * override r1..r5, r10 = top of frame 0's zeroed 512-byte stack.
 */
export function runFast(insns: readonly Insn[], opts: RunOptions & TranslateOptions & { cache?: EngineCache; cpu?: number; hashLookup?: HashLookup } = {}): FastRunResult {
  if (opts.trace) return { ok: false, error: 'runFast does not trace: use runProgram (the reference interpreter) for a trace' };
  // RunOptions.counts: compiled in counting mode, counters flushed into the arrays after the run
  const c = guard(() => compileCached(insns, opts.ldImm64, opts.cache ?? defaultCache, tOpts(opts.counts ? { ...opts, count: true } : opts)));
  if (!c.ok) {
    if (!c.error.startsWith('WebAssembly compilation failed')) return c;
    return { ...runProgram(insns, opts), ok: true, engine: 'interpreter', fallback: c.error };
  }
  const memory = opts.memory ?? new Memory();
  const host = hostFor(memory);
  if (opts.cache) host.cache = opts.cache;
  host.setCpu(opts.cpu ?? 0);
  host.hashLookup = opts.hashLookup;
  host.counts.counter = opts.counts;
  if (opts.counts) host.counts.countAs(c.program, insns);
  const inst = host.instance(c.program);
  memory.stack(0, MAX_BPF_STACK); // before `mem`, as runProgram does (same layout)
  const region = opts.mem ? memory.allocBytes('ctx', opts.mem, { name: 'mem' }) : undefined;
  const args: bigint[] = [0n, 0n, 0n, 0n, 0n];
  if (region) {
    args[0] = region.base;
    args[1] = BigInt(region.size);
  }
  opts.args?.forEach((v, k) => {
    if (k < 5) args[k] = BigInt.asUintN(64, v);
  });
  const budget = budgetOf(opts.budget);
  const status = host.run(inst, splitArgs(args), budget, opts.helpers ?? {}, opts.helperName ?? uapiHelperName);
  if (opts.counts) host.counts.flush(opts.counts);
  const res = result(host, status, budget);
  if ('error' in res) {
    if (region && opts.memory) memory.freeRegion(region);
    return { ok: false, error: res.error };
  }
  const out = res as RunResult & { ok: true; engine: 'wasm' };
  out.ok = true;
  out.engine = 'wasm';
  if (region) {
    out.mem = memory.regionBytes(region);
    if (opts.memory) memory.freeRegion(region);
  }
  return out;
}

/**
 * Add the counters of every program compiled with `count` that ran over `memory` (fastRunner /
 * runFast with `counts`, and the programs they tail-called) to `counter`'s arrays, and zero them.
 */
export function flushCounts(memory: Memory, counter: InsnCounter): void {
  hostFor(memory).counts.flush(counter);
}

/** A compiled program bound to a memory and helpers, for many runs. */
export interface FastRunner {
  readonly engine: WasmProgram;
  readonly memory: Memory;
  /**
   * One run from pc 0 with r1..r5 = `args` (frame 0's stack zeroed). Returns the low 32 bits of r0
   * (unsigned) after a clean exit, or -1 when the run stopped otherwise (see `last()`).
   */
  run(r1?: bigint, r2?: bigint, r3?: bigint, r4?: bigint, r5?: bigint): number;
  /**
   * `count` runs inside one call into WebAssembly (the kernel's BPF_PROG_TEST_RUN repeat loop):
   * the same arguments each time; stops early at the first run that does not exit cleanly.
   * Returns the last run's r0 (low 32 bits) or -1.
   */
  repeat(count: number, r1?: bigint, r2?: bigint, r3?: bigint, r4?: bigint, r5?: bigint): number;
  /** The complete result of the most recent run. */
  last(): RunResult | { error: string };
  /** Instructions the most recent run executed, without building the full result (bulk packet runs). */
  steps(): number;
  /** The CPU the runs are on (inlined bpf_get_smp_processor_id and per-CPU array lookups); default 0. */
  cpu: number;
  /** Compilation and run statistics (for "JIT: 412 µs to compile, 9.8 ns/packet"). */
  readonly stats: RunnerStats;
  /**
   * Counting mode (a program compiled with `count`, RunnerOptions.counts): add the executions since
   * the last flush to the counter's arrays. Exact per instruction, tail-called programs included
   * (each in its own array); cheap enough per batch, not meant per run.
   */
  flushCounts(): void;
}

export interface RunnerStats {
  /** Translation + WebAssembly compilation of the program, ns. */
  readonly compileNs: number;
  /** Size of the module, bytes. */
  readonly wasmBytes: number;
  /** Runs so far (a `repeat(n)` counts n). */
  readonly runs: number;
  /** Wall time inside run / repeat, ns (with `RunnerOptions.timing`; estimated from the timed calls). */
  readonly totalNs: number;
  /** ns per run over the timed calls (NaN before the first timed run). */
  readonly nsPerRun: number;
}

export interface RunnerOptions {
  memory?: Memory;
  helpers?: Record<number, HelperFn>;
  budget?: number;
  helperName?: (id: number) => string | undefined;
  /** Time run / repeat calls (`stats`): every `repeat(n > 1)` and one single run in 16 (two clock
   * reads per timed call — timing every packet cost ~10% in a browser worker). */
  timing?: boolean;
  /** The lookups of `inline.hashes` (required when the program was compiled with some). */
  hashLookup?: HashLookup;
  /**
   * Exact counts (the program was compiled with `count: true`): where they go, and the
   * instructions that name this program in it (`counts(countKey)` is its array).
   */
  counts?: InsnCounter;
  countKey?: readonly Insn[];
}

/** Lookup in hash map `index` of InlineSpec.hashes with the key at linear offset `keyOffset`: the value's address or 0n. */
export type HashLookup = (index: number, keyOffset: number) => bigint;

/** Bind a compiled program to a memory for bulk runs (no per-run decoding, lookup or allocation). */
export function fastRunner(engine: WasmProgram, opts: RunnerOptions = {}): FastRunner {
  const memory = opts.memory ?? new Memory();
  const host = hostFor(memory);
  const inst: Instance = host.instance(engine);
  const budget = budgetOf(opts.budget);
  const helpers = opts.helpers ?? {};
  const names = opts.helperName ?? uapiHelperName;
  let status: 0 | 1 | 2 = 2;
  let pending: Pending | undefined;
  let error = 'no run yet';
  const halves = new Int32Array(10);
  const prev: bigint[] = [];
  const timing = opts.timing === true;
  let calls = 0;
  let timedNs = 0;
  let timedRuns = 0;
  // the first single call pays the engine's lazy compile of the module (V8 compiles wasm functions on
  // first use): it stands in only until a later sample exists
  let firstNs = 0;
  let firstRuns = 0;
  const perRun = () => (timedRuns ? timedNs / timedRuns : firstNs / firstRuns);
  const stats = {
    compileNs: engine.compileNs, wasmBytes: engine.wasmBytes, runs: 0,
    get nsPerRun() { return perRun(); },
    get totalNs() { return timedRuns || firstRuns ? perRun() * this.runs : 0; },
  };
  let cpu = 0;
  const hashLookup = opts.hashLookup;
  const counts = opts.counts;
  if (counts && opts.countKey) host.counts.countAs(engine, opts.countKey);
  const repeat = (count: number, r1 = 0n, r2 = 0n, r3 = 0n, r4 = 0n, r5 = 0n): number => {
    if (r1 !== prev[0] || r2 !== prev[1] || r3 !== prev[2] || r4 !== prev[3] || r5 !== prev[4]) {
      prev[0] = r1; prev[1] = r2; prev[2] = r3; prev[3] = r4; prev[4] = r5;
      splitArgs(prev, halves);
    }
    host.setCpu(cpu);
    host.hashLookup = hashLookup;
    host.counts.counter = counts;
    const n = Math.max(0, Math.floor(count));
    const call = n > 1 ? -1 : calls++;
    const timed = timing && (n > 1 || (call & 15) === 0);
    const t0 = timed ? performance.now() : 0;
    status = host.run(inst, halves, budget, helpers, names, n);
    if (timed) {
      const ns = (performance.now() - t0) * 1e6;
      if (call === 0) { firstNs = ns; firstRuns = 1; }
      else { timedNs += ns; timedRuns += Math.max(1, n); }
    }
    stats.runs += Math.max(1, n);
    if (status === 0) return host.lastR0Low();
    pending = host.lastPending;
    error = host.lastError;
    return -1;
  };
  return {
    engine,
    memory,
    run: (r1, r2, r3, r4, r5) => repeat(0, r1, r2, r3, r4, r5),
    repeat,
    last: () => result(host, status, budget, pending, error),
    steps: () => (status === 0 ? budget - host.stepsLeft() : status === 1 && pending ? pending.steps : 0),
    get cpu() { return cpu; },
    set cpu(c: number) { cpu = Number.isInteger(c) && c >= 0 ? c : 0; },
    stats,
    flushCounts: () => host.counts.flush(counts),
  };
}
