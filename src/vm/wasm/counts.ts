/**
 * The fast engine's counting mode, host side: turns the block counters of instances compiled with
 * `count` (translate.ts: one i64 global per basic block, exported as `c<k>`) into exact
 * per-instruction counts, per program, in an `InsnCounter`'s arrays.
 *
 * - Which program an instance counts for: the main program by the key its runner gave (`countAs`),
 *   a tail-called one by the instructions vm.tailCall got, an extra module (`dyn`: callx /
 *   callback entries) by its parent's. Programs with identical bytes share a compiled module, and
 *   so, on one Memory, their counters.
 * - Corrections made while running, straight into the arrays: a fault in the middle of a block
 *   uncounts the slots after the faulting one (they were counted when the block was entered); the
 *   budget tail, finished by the interpreter, counts what it runs (host.ts passes `arrayOf`).
 * - `flush` adds the block counters (each to every slot of its block) and zeroes them.
 *
 * Deliberately not here: the counters themselves (module globals, translate.ts) and running.
 * Provenance: our own.
 */
import type { Insn } from '../../isa/insn.ts';
import type { InsnCounter } from '../types.ts';
import type { WasmProgram } from './engine.ts';

/** The instance of a program on this host, if one exists (host.ts). */
type InstanceOf = (p: WasmProgram) => { readonly counters?: WebAssembly.Global[] } | undefined;

export class BlockCounts {
  /** Where counts of the current run go (set by the runner before each run). */
  counter: InsnCounter | undefined;
  /** Counted programs and the instruction arrays that name them (InsnCounter keys). */
  private readonly keys = new Map<WasmProgram, readonly Insn[]>();

  constructor(private readonly instanceOf: InstanceOf) {}

  /** Count `p`'s executions as those of the program whose instructions are `key`. */
  countAs(p: WasmProgram, key: readonly Insn[]): void {
    if (p.blocks) this.keys.set(p, key);
  }

  /** The counter array of the program `p` counts for (undefined: not counting). */
  arrayOf(p: WasmProgram): Float64Array | undefined {
    let root = p;
    while (root.parent) root = root.parent;
    const key = this.keys.get(root);
    return key && this.counter ? this.counter(key) : undefined;
  }

  /** A fault inside counter `k`'s block at `pc`: the block's slots after pc were counted on entry but did not run. */
  uncountAfter(p: WasmProgram, k: number, pc: number): void {
    const pcs = p.blocks?.[k];
    const arr = this.arrayOf(p);
    if (!pcs || !arr) return;
    for (let j = pcs.indexOf(pc) + 1; j > 0 && j < pcs.length; j++) arr[pcs[j]]--;
  }

  /** Add every counted instance's block counters to `counter`'s arrays (per instruction) and zero them. */
  flush(counter: InsnCounter | undefined = this.counter): void {
    if (!counter) return;
    for (const [p, key] of this.keys) this.flushProgram(p, counter(key));
  }

  /** `p`'s counters and those of its extra modules, into `arr`. */
  private flushProgram(p: WasmProgram, arr: Float64Array): void {
    for (const q of p.dyn.values()) this.flushProgram(q, arr);
    const cs = this.instanceOf(p)?.counters;
    if (!cs || !p.blocks) return;
    for (let k = 0; k < cs.length; k++) {
      const v = cs[k].value as bigint;
      if (v === 0n) continue;
      const n = Number(v);
      for (const pc of p.blocks[k]) arr[pc] += n;
      cs[k].value = 0n;
    }
  }
}
