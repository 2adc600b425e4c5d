/**
 * Compile-time facts the translator uses to drop run-time region checks, and the engine's
 * translation options (checked / verifier-proved mode, inlined helpers).
 *
 * `framePointerFacts`: a forward dataflow over one function's blocks (cfg.ts) that knows, before
 * every slot, which registers hold `r10 + k` (a constant offset from the frame pointer) and — in
 * proved mode, for the program's entry function — which hold `ctx + k` (r1 as the program received
 * it). r10 cannot be written (decode.ts refuses such slots) and is always the top of the current
 * frame's 512-byte stack, so an access through `r10 + k + off` with the whole access inside
 * [-512, 0) cannot fault and needs no check in either mode: it is a fixed offset from the frame's
 * stack in linear memory. That is sound without the verifier. A `ctx + k` access is only
 * unchecked in proved mode (the verifier proved it lies in the context; we do not know the
 * context's size at compile time).
 *
 * Lattice per register: unknown, or (base, k). Meet of different facts is unknown; writes of
 * anything else make a register unknown; calls clobber r0..r5 (r6..r9 are callee-saved: a callee
 * runs in its own wasm frame and cannot touch them).
 *
 * Deliberately not here: emission (translate.ts). Provenance: our own.
 */
import type { Decoded } from '../decode.ts';
import { flowOf, Flow, jumpTarget, type Func } from './cfg.ts';

/** One array map whose bpf_map_lookup_elem runs inside WebAssembly (BPF_MAP_TYPE_ARRAY / PERCPU_ARRAY). */
export interface InlineArray {
  /** The map pointer (what ld_imm64 of the map resolves to). */
  addr: bigint;
  /** Bytes between elements (round_up(value_size, 8)). */
  elemSize: number;
  maxEntries: number;
  /** Virtual address of element 0 per CPU (one entry for a plain array). */
  bases: bigint[];
}

/** A hash map whose bpf_map_lookup_elem goes to `hashLookup` with the key's linear offset. */
export interface InlineHash {
  addr: bigint;
  keySize: number;
}

/**
 * Helpers the engine may compute in WebAssembly. A contract from the caller (src/kernel): helper 1
 * on these maps behaves exactly as an array lookup with a 4-byte key, and helper 8 returns the CPU
 * the runner was told (`FastRunner.cpu`). A key pointer that does not translate falls back to the
 * JavaScript helper, which produces the interpreter's oops.
 */
export interface InlineSpec {
  arrays?: readonly InlineArray[];
  /**
   * Hash maps whose lookup is one call to the runner's `hashLookup(index, keyOffset)` (i32
   * arguments: the index in this list and the key's linear offset, translated in wasm).
   */
  hashes?: readonly InlineHash[];
  /** bpf_get_smp_processor_id (8) returns the runner's CPU. */
  cpuId?: boolean;
}

export interface TranslateOptions {
  /**
   * 'checked' (default): every access the translator cannot prove safe on its own is region-checked
   * and a bad one is the interpreter's oops. 'proven': the program was accepted by the verifier;
   * accesses the verifier guarantees (context + constant) are emitted without checks.
   */
  mode?: 'checked' | 'proven';
  inline?: InlineSpec;
  /**
   * Count executions: one i64 counter per basic block (a module global, exported as `c<k>`),
   * incremented when the block is entered; host.ts turns them into exact per-instruction counts.
   * Off by default: the code is then byte for byte what it was without the option.
   */
  count?: boolean;
}

/** A cache-key suffix for the options (everything that changes the generated code). */
export function optionsKey(o: TranslateOptions | undefined): string {
  if (!o) return '';
  let s = o.mode === 'proven' ? 'P' : '';
  if (o.count) s += 'N';
  const i = o.inline;
  if (i) {
    if (i.cpuId) s += 'C';
    for (const a of i.arrays ?? []) s += `A${a.addr.toString(16)}:${a.elemSize}:${a.maxEntries}:${a.bases.map((b) => b.toString(16)).join(',')}`;
    for (const h of i.hashes ?? []) s += `H${h.addr.toString(16)}:${h.keySize}`;
  }
  return s;
}

/** A register's fact: unknown, or base + k. */
export const enum Base { None = 0, Fp = 1, Ctx = 2 }

/** Facts before a slot: per register r0..r9, base and offset (r10 is always Fp + 0). */
export interface RegFacts {
  base: Uint8Array;
  k: Float64Array;
}

const MAX_K = 1 << 30;

function copy(f: RegFacts): RegFacts {
  return { base: f.base.slice(), k: f.k.slice() };
}

/** Meet `b` into `a`; true when `a` changed. */
function meet(a: RegFacts, b: RegFacts): boolean {
  let changed = false;
  for (let r = 0; r < 10; r++) {
    if (a.base[r] !== Base.None && (a.base[r] !== b.base[r] || a.k[r] !== b.k[r])) {
      a.base[r] = Base.None;
      changed = true;
    }
  }
  return changed;
}

/** Apply slot `pc` to `f` (in place). */
function step(d: Decoded, pc: number, f: RegFacts): void {
  const c = d.code[pc];
  const dr = d.dst[pc], sr = d.src[pc], imm = d.imm[pc];
  const kill = (r: number) => { if (r < 10) f.base[r] = Base.None; };
  const set = (r: number, b: Base, k: number) => {
    if (r >= 10) return;
    if (Math.abs(k) > MAX_K) b = Base.None;
    f.base[r] = b;
    f.k[r] = k;
  };
  const baseOf = (r: number): [Base, number] => (r === 10 ? [Base.Fp, 0] : [f.base[r] as Base, f.k[r]]);
  const cls = c & 7;
  switch (flowOf(d, pc)) {
    case Flow.CallHelper: case Flow.CallLocal: case Flow.CallX:
      for (let r = 0; r <= 5; r++) kill(r);
      return;
    case Flow.LdImm64:
      kill(dr);
      return;
    case Flow.Plain: break;
    default: return; // jumps write nothing
  }
  if (cls === 7) {
    const op = c & 0xf0;
    if (op === 0xb0 && (c & 8) && d.off[pc] === 0) { // mov64 reg
      const [b, k] = baseOf(sr);
      set(dr, b, k);
      return;
    }
    if ((op === 0x00 || op === 0x10) && !(c & 8)) { // add64 / sub64 imm
      const [b, k] = baseOf(dr);
      if (b !== Base.None) set(dr, b, op === 0x00 ? k + imm : k - imm);
      else kill(dr);
      return;
    }
    kill(dr);
    return;
  }
  if (cls === 4 || cls === 1) { kill(dr); return; }
  if (cls === 0) { for (let r = 0; r <= 5; r++) kill(r); return; } // legacy LD_ABS / LD_IND
  if (cls === 3 && (c & 0xe0) === 0xc0) { // atomics: fetch forms write src; cmpxchg writes r0
    const op = imm;
    if ((op & ~1) === 0xf0) kill(0);
    else if (op === 0x100) kill(dr);
    else if (op & 1) kill(sr);
  }
}

/**
 * For each slot of `f` reachable in it: the facts before it (undefined for unreachable slots).
 * `ctxAtEntry`: r1 holds the context at the function's entry (proved mode, entry function).
 */
export function framePointerFacts(d: Decoded, f: Func, ctxAtEntry: boolean): Array<RegFacts | undefined> {
  const out: Array<RegFacts | undefined> = new Array(d.n);
  const m = f.blocks.length;
  if (m === 0) return out;
  const inFacts: Array<RegFacts | undefined> = new Array(m);
  const entry: RegFacts = { base: new Uint8Array(10), k: new Float64Array(10) };
  if (ctxAtEntry) entry.base[1] = Base.Ctx;
  inFacts[f.entryBlock] = entry;
  const work: number[] = [f.entryBlock];
  const queued = new Uint8Array(m);
  queued[f.entryBlock] = 1;
  const push = (t: number, facts: RegFacts) => {
    const j = t >= 0 && t < d.n ? f.index.get(t) : undefined;
    if (j === undefined) return;
    const have = inFacts[j];
    if (!have) inFacts[j] = copy(facts);
    else if (!meet(have, facts)) return;
    if (!queued[j]) {
      queued[j] = 1;
      work.push(j);
    }
  };
  let guard = 0;
  while (work.length && guard++ < 100_000) {
    const i = work.pop()!;
    queued[i] = 0;
    const b = f.blocks[i];
    const cur = copy(inFacts[i]!);
    for (const pc of b.pcs) step(d, pc, cur);
    const last = b.pcs[b.pcs.length - 1];
    const fl = flowOf(d, last);
    if (fl === Flow.Jump) push(jumpTarget(d, last), cur);
    else if (fl === Flow.Cond) { push(jumpTarget(d, last), cur); push(b.next, cur); }
    else if (fl !== Flow.Exit && fl !== Flow.Bad) push(b.next, cur);
  }
  if (work.length) return out; // gave up: no facts (every access checked)
  for (let i = 0; i < m; i++) {
    const facts = inFacts[i];
    if (!facts) continue;
    const cur = copy(facts);
    for (const pc of f.blocks[i].pcs) {
      out[pc] = copy(cur);
      step(d, pc, cur);
    }
  }
  return out;
}
