/**
 * Shared pieces of the eBPF → WebAssembly translator: the contract with the host (imported
 * globals, imported functions, oops kinds, function and type indices), the `Emitter` that writes a
 * function body, and the small runtime functions every module carries: `enterFrame` (open a
 * bpf-to-bpf frame: caller pc, stack, zeroing), byte swaps, `main` / `repeat` (run from pc 0 in
 * frame 0, once or N times), `enter` (run any function with registers from the globals) and `inv`
 * (drop the per-site translation caches).
 *
 * Deliberately not here: translating instructions (translate.ts). Provenance: our own.
 */
import { MAX_BPF_STACK, MAX_CALL_FRAMES } from '../../isa/opcodes.ts';
import { Bytes, EMPTY, I32, I64, OP } from './binary.ts';

// ---- the host contract (host.ts builds the same names in the same order) ----
export const G = {
  R: 0, // R0..R10: 0..10
  REM: 11,
  TAIL: 12,
  CPC: 13, // 13..20
  SOFF: 21, // 21..28
  STOP: 29, // 29..36
  SB: 37,
  SE: 38,
  SO: 39,
  CPU: 40, // the CPU the run is on (inlined bpf_get_smp_processor_id, per-CPU array lookups)
} as const;
export const N_HOST_GLOBALS = 41;
export const HOST_GLOBAL_TYPES: number[] = [
  ...Array(11).fill(I64), I64, I32, ...Array(8).fill(I32), ...Array(8).fill(I32), ...Array(8).fill(I64), I64, I64, I32, I32,
];

/** Oops kinds passed to the host's `oops` import. */
export const enum K { Fault = 0, Invalid = 1, OffEnd = 2, Stack = 3, Exec = 4, Budget = 5 }

export const F_XLATE = 0, F_OOPS = 1, F_HELPER = 2, F_CALL = 3, F_STACK = 4, F_HLOOKUP = 5;
export const F_ENTERFRAME = 6, F_BS32 = 7, F_BS64 = 8, F_MAIN = 9, F_ENTER = 10, F_INV = 11, F_REPEAT = 12, F_FN0 = 13;
export const T_FN = 0, T_MAIN = 1, T_II = 2, T_V = 3, T_XLATE = 4, T_OOPS = 5, T_HELPER = 6, T_III = 7, T_I = 8;
export const T_ENTERFRAME = 9, T_BS32 = 10, T_BS64 = 11, T_REPEAT = 12, T_HLOOKUP = 13;

// Locals of an eBPF function: r0..r10 = 0..10 (params), then:
export const L_REM = 11, L_DEPTH = 12, L_BLK = 13, L_O = 14, L_X = 15, L_A = 16, L_T = 17;
/** Linear offset of the frame's stack bottom (r10 - 512), and of the context (proved mode; -1: none). */
export const L_FP = 18, L_CTX = 19;
export const FN_LOCALS = [I32, I32, I32, I64, I64, I32, I32];

/** Emits one function body. */
export class Emitter {
  c = new Bytes(1024);
  op(b: number): this { this.c.byte(b); return this; }
  get(l: number): this { this.c.byte(OP.localGet).u32(l); return this; }
  set(l: number): this { this.c.byte(OP.localSet).u32(l); return this; }
  tee(l: number): this { this.c.byte(OP.localTee).u32(l); return this; }
  gget(g: number): this { this.c.byte(OP.globalGet).u32(g); return this; }
  gset(g: number): this { this.c.byte(OP.globalSet).u32(g); return this; }
  i32(v: number): this { this.c.byte(OP.i32Const).s32(v | 0); return this; }
  i64(v: number | bigint): this {
    this.c.byte(OP.i64Const);
    if (typeof v === 'bigint') this.c.s64(v);
    else this.c.s32(v);
    return this;
  }
  call(f: number): this { this.c.byte(OP.call).u32(f); return this; }
  block(t = EMPTY): this { this.c.byte(OP.block).byte(t); return this; }
  loop(): this { this.c.byte(OP.loop).byte(EMPTY); return this; }
  if(t = EMPTY): this { this.c.byte(OP.if).byte(t); return this; }
  else(): this { return this.op(OP.else); }
  end(): this { return this.op(OP.end); }
  br(depth: number): this { this.c.byte(OP.br).u32(depth); return this; }
  brIf(depth: number): this { this.c.byte(OP.brIf).u32(depth); return this; }
  mem(op: number): this { this.c.byte(op).u32(0).u32(0); return this; }
}


// Site globals (module-defined, after the imported ones; in counting mode after the block counters,
// which take the first 3 * ceil(blocks / 3) module globals, so site numbers start at ceil(blocks / 3)).
export const gB = (s: number) => N_HOST_GLOBALS + 3 * s;
export const gE = (s: number) => N_HOST_GLOBALS + 3 * s + 1;
export const gO = (s: number) => N_HOST_GLOBALS + 3 * s + 2;

/** switch (index) { case k: body(k) } over k = 0..count-1 (index outside → the last case). */
export function emitSwitch(e: Emitter, count: number, index: () => void, body: (k: number) => void): void {
  e.block();
  for (let k = 0; k < count; k++) e.block();
  index();
  e.c.byte(OP.brTable).u32(count);
  for (let k = 0; k < count; k++) e.c.u32(k);
  e.c.u32(count - 1);
  for (let k = 0; k < count; k++) {
    e.end();
    body(k);
    e.br(count - 1 - k);
  }
  e.end();
}

/** enterFrame(depth, callPc) → r10: record the caller's pc, make the frame's stack exist, zero it. */
export function emitEnterFrame(): Bytes {
  const e = new Emitter();
  const D = 0, PC = 1, OFF = 2, TOP = 3;
  emitSwitch(e, MAX_CALL_FRAMES, () => e.get(D).i32(1).op(OP.i32Sub), (k) => e.get(PC).gset(G.CPC + k));
  const load = () => emitSwitch(e, MAX_CALL_FRAMES, () => e.get(D), (k) => e.gget(G.SOFF + k).set(OFF).gget(G.STOP + k).set(TOP));
  load();
  e.get(OFF).op(OP.i32Eqz).if();
  e.get(D).call(F_STACK);
  load();
  e.end();
  e.get(OFF).i32(0).i32(MAX_BPF_STACK);
  e.c.byte(0xfc).u32(11).byte(0); // memory.fill
  e.get(TOP);
  return e.c;
}

export function emitBs32(): Bytes {
  const e = new Emitter();
  e.get(0).i32(0xff00ff00).op(OP.i32And).i32(8).op(OP.i32Rotl);
  e.get(0).i32(0x00ff00ff).op(OP.i32And).i32(8).op(OP.i32Rotr).op(OP.i32Or);
  return e.c;
}

export function emitBs64(): Bytes {
  const e = new Emitter();
  e.get(0).op(OP.i32WrapI64).call(F_BS32).op(OP.i64ExtendI32U).i64(32).op(OP.i64Shl);
  e.get(0).i64(32).op(OP.i64ShrU).op(OP.i32WrapI64).call(F_BS32).op(OP.i64ExtendI32U).op(OP.i64Or);
  return e.c;
}

/**
 * main(r1lo, r1hi, …, r5lo, r5hi, budget: f64) → low 32 bits of r0: run from pc 0 in frame 0 (stack
 * offset and top from the SOFF/STOP globals of frame 0; the stack is zeroed); results also in the R
 * and REM globals. Arguments as i32 halves and the budget as a double keep BigInt conversions out
 * of the per-run JS ↔ wasm crossing.
 */
export function emitMain(rootFn: number): Bytes {
  const e = new Emitter();
  e.gget(G.SOFF).i32(0).i32(MAX_BPF_STACK);
  e.c.byte(0xfc).u32(11).byte(0);
  e.i32(0).gset(G.TAIL);
  e.i64(0);
  for (let r = 0; r < 5; r++) {
    e.get(2 * r).op(OP.i64ExtendI32U).get(2 * r + 1).op(OP.i64ExtendI32U).i64(32).op(OP.i64Shl).op(OP.i64Or);
  }
  for (let r = 6; r <= 9; r++) e.i64(0);
  e.gget(G.STOP).get(10).op(OP.i64TruncF64S).i32(0).call(F_FN0 + rootFn);
  e.gset(G.REM);
  for (let r = 5; r >= 0; r--) e.gset(G.R + r);
  e.gget(G.R).op(OP.i32WrapI64);
  return e.c;
}

/** repeat(count, r1lo, …, r5hi, budget) → main(…) `count` times (≥ 1), like BPF_PROG_TEST_RUN's repeat loop. */
export function emitRepeat(): Bytes {
  const e = new Emitter();
  const R = 12;
  e.loop();
  for (let k = 1; k <= 11; k++) e.get(k);
  e.call(F_MAIN).set(R);
  e.get(0).i32(1).op(OP.i32Sub).tee(0).i32(0).op(OP.i32GtS).brIf(0);
  e.end();
  e.get(R);
  return e.c;
}

/** enter(k, depth): run function k with r0..r10 and rem from the globals; results back into them. */
export function emitEnter(nfuncs: number): Bytes {
  const e = new Emitter();
  emitSwitch(e, nfuncs, () => e.get(0), (k) => {
    for (let r = 0; r <= 10; r++) e.gget(G.R + r);
    e.gget(G.REM).get(1).call(F_FN0 + k).gset(G.REM);
    for (let r = 5; r >= 0; r--) e.gset(G.R + r);
  });
  return e.c;
}

/** Drop the translation caches of sites first..first+sites-1 (site numbers start after the counters, translate.ts). */
export function emitInv(sites: number, first = 0): Bytes {
  const e = new Emitter();
  for (let s = first; s < first + sites; s++) e.i64(0).gset(gE(s));
  return e.c;
}

