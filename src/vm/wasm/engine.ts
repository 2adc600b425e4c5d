/**
 * Compiled programs and the compilation cache. A `WasmProgram` is one decoded eBPF program
 * translated (translate.ts) and compiled to a `WebAssembly.Module` for a set of root entries; the
 * main module's roots are pc 0 and every ld_imm64 BPF_PSEUDO_FUNC target (callback subprograms),
 * and a callx or callback to any other pc compiles a small extra module rooted there on first use
 * (`dynamicEntry`). Instances are made per `Memory` by host.ts.
 *
 * The cache is keyed by the decoded program: every slot's bytes plus the value each ld_imm64
 * resolved to (map addresses are baked into the code) plus the translation options (mode, the
 * layout of inlined array maps: `optionsKey`), so the same bytecode with the same maps compiles once. It is an explicit object (`EngineCache`) with a bounded LRU; `defaultCache` is the
 * one shared default (caching has no observable effect on results).
 *
 * Deliberately not here: running (host.ts) and the public API (index.ts). Synchronous compilation
 * (`new WebAssembly.Module`) is used: fine in Node and in a worker; browsers refuse it for large
 * modules on the main thread. Provenance: our own.
 */
import type { Decoded } from '../decode.ts';
import { pseudoFuncTargets } from './cfg.ts';
import type { TranslateOptions } from './static.ts';
import { translate } from './translate.ts';

export interface WasmProgram {
  readonly decoded: Decoded;
  readonly module: WebAssembly.Module;
  /** Entry pc of each wasm function (the index `enter` takes). */
  readonly entries: number[];
  readonly fnOf: Map<number, number>;
  /** Memory-access sites (each with its own translation cache). */
  readonly sites: number;
  /** Size of the module in bytes. */
  readonly wasmBytes: number;
  /** Translation + compilation time, nanoseconds. */
  readonly compileNs: number;
  /** Extra modules rooted at other pcs (callx / callbacks to non-entry code addresses). */
  readonly dyn: Map<number, WasmProgram>;
  /** The options it was translated with (mode, inlined helpers, counting). */
  readonly opts: TranslateOptions;
  /** Counting mode: the slots each block counter (exported global `c<k>`) covers. */
  readonly blocks?: number[][];
  /** For an extra module (`dyn`): the program it was made for (its counts are that program's). */
  readonly parent?: WasmProgram;
}

export type CompileOutcome = { ok: true; program: WasmProgram } | { ok: false; error: string };

const now = (): number => globalThis.performance.now();

/** Translate and compile `d` with the given roots. Never throws. */
export function compileDecoded(d: Decoded, roots: readonly number[], opts: TranslateOptions = {}): CompileOutcome {
  const t0 = now();
  try {
    const t = translate(d, roots, opts);
    const module = new WebAssembly.Module(t.bytes as BufferSource);
    const fnOf = new Map<number, number>();
    t.entries.forEach((pc, k) => fnOf.set(pc, k));
    return {
      ok: true,
      program: {
        decoded: d, module, entries: t.entries, fnOf, sites: t.sites, wasmBytes: t.bytes.length,
        compileNs: Math.round((now() - t0) * 1e6), dyn: new Map(), opts, ...(t.blocks ? { blocks: t.blocks } : {}),
      },
    };
  } catch (e) {
    return { ok: false, error: `WebAssembly compilation failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** `compileDecoded` with WebAssembly.compile (no size limit on a browser's main thread). Never rejects. */
export async function compileDecodedAsync(d: Decoded, roots: readonly number[], opts: TranslateOptions = {}): Promise<CompileOutcome> {
  const t0 = now();
  try {
    const t = translate(d, roots, opts);
    const module = await WebAssembly.compile(t.bytes as BufferSource);
    const fnOf = new Map<number, number>();
    t.entries.forEach((pc, k) => fnOf.set(pc, k));
    return {
      ok: true,
      program: {
        decoded: d, module, entries: t.entries, fnOf, sites: t.sites, wasmBytes: t.bytes.length,
        compileNs: Math.round((now() - t0) * 1e6), dyn: new Map(), opts, ...(t.blocks ? { blocks: t.blocks } : {}),
      },
    };
  } catch (e) {
    return { ok: false, error: `WebAssembly compilation failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The main module of a program: entry pc 0 plus callback subprograms. */
export function compileMain(d: Decoded, opts: TranslateOptions = {}): CompileOutcome {
  return compileDecoded(d, mainRoots(d), opts);
}

/** Roots of a program's main module. */
export function mainRoots(d: Decoded): number[] {
  return [0, ...pseudoFuncTargets(d)];
}

/** The module for entry `pc` of `p` (p's own function when it has one, else an extra module). */
export function dynamicEntry(p: WasmProgram, pc: number): { program: WasmProgram; fn: number } | { error: string } {
  const k = p.fnOf.get(pc);
  if (k !== undefined) return { program: p, fn: k };
  let q = p.dyn.get(pc);
  if (!q) {
    const c = compileDecoded(p.decoded, [pc], p.opts);
    if (!c.ok) return { error: c.error };
    q = { ...c.program, parent: p };
    p.dyn.set(pc, q);
  }
  return { program: q, fn: 0 };
}

/** Cache key: every slot as executed (opcode or 0 when unexecutable, raw byte, registers, offset, imm, ld_imm64 high half). */
export function programKey(d: Decoded): string {
  const w = new Int32Array(d.n * 4);
  for (let pc = 0; pc < d.n; pc++) {
    w[pc * 4] = d.code[pc] | (d.raw[pc] << 8) | (d.dst[pc] << 16) | (d.src[pc] << 20);
    w[pc * 4 + 1] = d.off[pc];
    w[pc * 4 + 2] = d.imm[pc];
    w[pc * 4 + 3] = d.hi64[pc];
  }
  const u = new Uint16Array(w.buffer);
  let s = '';
  for (let k = 0; k < u.length; k += 8192) s += String.fromCharCode.apply(null, u.subarray(k, k + 8192) as unknown as number[]);
  return s;
}

/** A bounded LRU of compiled programs keyed by `programKey`. */
export class EngineCache {
  private readonly map = new Map<string, WasmProgram>();
  hits = 0;
  misses = 0;
  constructor(readonly capacity = 256) {}
  get(key: string): WasmProgram | undefined {
    const p = this.map.get(key);
    if (p) {
      this.map.delete(key);
      this.map.set(key, p);
      this.hits++;
    } else this.misses++;
    return p;
  }
  set(key: string, p: WasmProgram): void {
    this.map.set(key, p);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
  get size(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
}

/** The shared default cache. */
export const defaultCache = new EngineCache();
