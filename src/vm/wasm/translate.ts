/**
 * eBPF → WebAssembly: turns a pre-decoded program (decode.ts) into the bytes of one wasm module.
 *
 * Shape of a module:
 *   - imports `e.mem` (the shared WebAssembly.Memory of `Memory`), 41 mutable globals owned by the
 *     host (host.ts: register transfer R0..R10, REM budget, TAIL flag, per-frame call pc / stack
 *     offset / stack top, slow-path scratch, CPU) and 5 functions (address translation slow path, oops,
 *     helper call, dynamic local call, stack creation);
 *   - one wasm function per eBPF function (cfg.ts), signature
 *       (r0..r10: i64, rem: i64, depth: i32) → (r0..r5: i64, rem: i64)
 *     so a bpf-to-bpf call is a wasm call: the callee gets every register (r10 = its new stack top),
 *     the caller keeps r6..r10 in its own locals and takes r0..r5 back, exactly the interpreter's
 *     frame model;
 *   - exports `main` (run from pc 0 at frame 0), `repeat` (main N times), `enter` (run function k
 *     with registers from the globals: callbacks, tail calls, dynamic calls) and `inv` (drop all
 *     translation caches).
 *
 * Control flow: blocks in slot order inside nested wasm `block`s, so a forward jump is one `br`;
 * a block that jumps to its own start is its own wasm `loop`; any other backward jump (or an entry
 * that is not the first block) goes through a `loop` around a `br_table` dispatch on the block
 * number. Budget: each block subtracts its instruction count on entry; when fewer remain, a branch
 * to the function's shared budget exit hands the block to the host, which finishes it in the
 * reference interpreter, so the stop lands on the exact instruction. Memory: every load/store
 * site has its own cache (region base, limit, linear offset) in module globals; a miss calls the
 * host; a fault branches to the function's shared fault exit, which reports it through the host.
 * Helpers and every other stop go through imports; the host throws to unwind, so the wasm code
 * needs no status checks except the TAIL flag after a helper call. Inlined helpers (static.ts
 * InlineSpec): bpf_map_lookup_elem on known array maps and bpf_get_smp_processor_id are computed
 * in wasm; anything unusual (another map, a key pointer that does not translate) still calls out.
 *
 * Counting mode (TranslateOptions.count, off by default): one i64 module global per block (exported
 * `c<k>`, the first module globals), incremented after the block's budget check; a block the budget
 * stops is not counted (the host's interpreter tail counts what it runs) and a fault in the middle of
 * a block passes the block's counter number to the host (in the fault's aux word), which uncounts the
 * slots after the faulting one. host.ts turns block counts into per-instruction counts.
 *
 * Checks dropped (static.ts computes the facts):
 *   - both modes: accesses through `r10 + constant` that lie inside the frame's 512-byte stack are
 *     a fixed offset from the frame's stack (computed once per function entry); nothing to check;
 *   - 'proven' mode (the verifier accepted the program): `ctx + constant` accesses in the entry
 *     function are plain loads/stores at the context's linear offset, as the kernel JIT emits
 *     plain loads. Every other access keeps its per-site check: our addresses are virtual, so the
 *     site cache is also the translation (the kernel needs none), and a region is not known
 *     statically for packet, map-value or helper-memory pointers.
 * Safety of proved mode: an unchecked access can only land inside the one WebAssembly.Memory that
 * holds the VM's regions (wasm bounds-checks every access; linear offsets are < 1 GiB and the
 * static offset < 2^31, so the i32 address never wraps). A program the verifier wrongly accepted
 * can therefore corrupt other VM regions (as a real verifier bug corrupts kernel memory) but never
 * the page; an access past the memory traps, and host.ts turns that trap into a simulated oops.
 *
 * Deliberately not here: the host contract and runtime functions (emit.ts), ALU emission (alu.ts),
 * the dataflow (static.ts), any JS-side behaviour (host.ts).
 * Provenance: our own design; wasm encoding from the WebAssembly Core Specification; eBPF
 * semantics mirror interpreter.ts (RFC 9669 + Linux 6.18 cpu v4).
 */
import { MAX_CALL_FRAMES } from '../../isa/opcodes.ts';
import type { Decoded } from '../decode.ts';
import { PROG_TEXT_HI, PROG_TEXT_LO } from '../memory.ts';
import { assembleModule, Bytes, F64, I32, I64, OP, type FuncDef, type Import } from './binary.ts';
import { emitAlu32, emitAlu64 } from './alu.ts';
import { callTarget, discover, flowOf, Flow, jumpTarget, type Func } from './cfg.ts';
import { Base, framePointerFacts, type InlineArray, type InlineHash, type TranslateOptions } from './static.ts';
import {
  Emitter, emitBs32, emitBs64, emitEnter, emitEnterFrame, emitInv, emitMain, emitRepeat, F_CALL,
  F_ENTER, F_ENTERFRAME, F_FN0, F_HELPER, F_INV, F_MAIN, F_OOPS, F_REPEAT, F_XLATE, FN_LOCALS, G, gB, gE, gO, N_HOST_GLOBALS,
  HOST_GLOBAL_TYPES, K, L_A, L_BLK, L_CTX, L_DEPTH, L_FP, L_O, L_REM, L_T, L_X, T_BS32, T_BS64, T_ENTERFRAME, T_FN, T_HELPER,
  T_HLOOKUP, T_I, T_II, T_III, T_MAIN, T_OOPS, T_REPEAT, T_V, T_XLATE, F_HLOOKUP,
} from './emit.ts';

export { G, HOST_GLOBAL_TYPES, K } from './emit.ts';

export interface Translation {
  bytes: Uint8Array;
  /** Entry pc of function k (call `enter(k, depth)`). */
  entries: number[];
  /** Number of memory-access sites (each has a translation cache). */
  sites: number;
  /** Counting mode: the slots of block counter k (exported global `c<k>`), in execution order. */
  blocks?: number[][];
}

/** Translate `d` into a module whose functions are `roots` and everything they call. */
export function translate(d: Decoded, roots: readonly number[], opts: TranslateOptions = {}): Translation {
  const funcs = discover(d, roots);
  const fnIndex = new Map<number, number>();
  funcs.forEach((f, k) => fnIndex.set(f.entry, k));
  // Counting mode: block counters are the first module globals (3 * ceil(blocks / 3) of them, so the
  // sites' three globals each keep gB/gE/gO's layout with site numbers starting at ceil(blocks / 3)).
  const blocks: number[][] = [];
  const cbase: number[] = [];
  if (opts.count) for (const f of funcs) { cbase.push(blocks.length); for (const b of f.blocks) blocks.push(b.pcs); }
  const first = Math.ceil(blocks.length / 3);
  let sites = 0;
  const bodies: FuncDef[] = [];
  funcs.forEach((f, k) => bodies.push({ type: T_FN, locals: FN_LOCALS, body: emitFunction(d, f, fnIndex, () => first + sites++, opts, opts.count ? cbase[k] : -1) }));
  const types = [
    { params: [...Array(11).fill(I64), I64, I32], results: [...Array(6).fill(I64), I64] }, // T_FN
    { params: [...Array(10).fill(I32), F64], results: [I32] }, // T_MAIN
    { params: [I32, I32], results: [] }, // T_II
    { params: [], results: [] }, // T_V
    { params: [I64, I32, I32], results: [I32] }, // T_XLATE
    { params: [I32, I32, I32, I64, I64, I32, ...Array(11).fill(I64)], results: [] }, // T_OOPS
    { params: [I32, I32, I32, ...Array(5).fill(I64)], results: [I64] }, // T_HELPER
    { params: [I32, I32, I32], results: [] }, // T_III
    { params: [I32], results: [] }, // T_I
    { params: [I32, I32], results: [I64] }, // T_ENTERFRAME
    { params: [I32], results: [I32] }, // T_BS32
    { params: [I64], results: [I64] }, // T_BS64
    { params: [I32, ...Array(10).fill(I32), F64], results: [I32] }, // T_REPEAT
    { params: [I32, I32], results: [I64] }, // T_HLOOKUP
  ];
  const imports: Import[] = [
    { module: 'e', name: 'mem', kind: 'memory', min: 0 },
    ...HOST_GLOBAL_TYPES.map((t, k): Import => ({ module: 'e', name: `g${k}`, kind: 'global', valtype: t, mutable: true })),
    { module: 'e', name: 'xlate', kind: 'func', type: T_XLATE },
    { module: 'e', name: 'oops', kind: 'func', type: T_OOPS },
    { module: 'e', name: 'helper', kind: 'func', type: T_HELPER },
    { module: 'e', name: 'call', kind: 'func', type: T_III },
    { module: 'e', name: 'stack', kind: 'func', type: T_I },
    { module: 'e', name: 'hlookup', kind: 'func', type: T_HLOOKUP },
  ];
  const globals = [];
  for (let k = 0; k < 3 * first; k++) globals.push({ valtype: I64, init: 0 });
  for (let s = 0; s < sites; s++) globals.push({ valtype: I64, init: 0 }, { valtype: I64, init: 0 }, { valtype: I32, init: 0 });
  const rootFn = fnIndex.get(roots[0])!;
  const allFuncs: FuncDef[] = [
    { type: T_ENTERFRAME, locals: [I32, I64], body: emitEnterFrame() },
    { type: T_BS32, locals: [], body: emitBs32() },
    { type: T_BS64, locals: [], body: emitBs64() },
    { type: T_MAIN, locals: [], body: emitMain(rootFn) },
    { type: T_II, locals: [], body: emitEnter(funcs.length) },
    { type: T_V, locals: [], body: emitInv(sites, first) },
    { type: T_REPEAT, locals: [I32], body: emitRepeat() },
    ...bodies,
  ];
  const bytes = assembleModule({
    types,
    imports,
    funcs: allFuncs,
    globals,
    exports: [
      { name: 'main', kind: 'func', index: F_MAIN },
      { name: 'enter', kind: 'func', index: F_ENTER },
      { name: 'inv', kind: 'func', index: F_INV },
      { name: 'repeat', kind: 'func', index: F_REPEAT },
      ...blocks.map((_, k) => ({ name: `c${k}`, kind: 'global' as const, index: N_HOST_GLOBALS + k })),
    ],
  });
  return { bytes, entries: funcs.map((f) => f.entry), sites, ...(opts.count ? { blocks } : {}) };
}

const SIZE_OF = (c: number): 1 | 2 | 4 | 8 => {
  const sz = c & 0x18;
  return sz === 0x18 ? 8 : sz === 0 ? 4 : sz === 0x08 ? 2 : 1;
};

/** `cbase`: counting mode's first counter number for f's blocks (block i counts in global N_HOST_GLOBALS + cbase + i); -1: no counting. */
function emitFunction(d: Decoded, f: Func, fnIndex: Map<number, number>, newSite: () => number, opts: TranslateOptions, cbase: number): Bytes {
  const e = new Emitter();
  const proven = opts.mode === 'proven';
  const facts = framePointerFacts(d, f, proven && f.entry === 0);
  const inline = opts.inline ?? {};
  const n = d.n;
  const m = f.blocks.length;
  const oops = (kind: K, pc: number, remAdj: number, addr: () => void, aux = 0) => {
    e.i32(kind).i32(pc).get(L_DEPTH).get(L_REM);
    if (remAdj) e.i64(remAdj).op(OP.i64Add);
    addr();
    e.i32(aux);
    for (let r = 0; r <= 10; r++) e.get(r);
    e.call(F_OOPS).op(OP.unreachable);
  };
  if (m === 0) {
    oops(K.OffEnd, 0, 0, () => e.i64(f.entry));
    return e.c;
  }
  // Does any edge go backwards (or does the entry block lie after block 0)?
  let dispatch = f.entryBlock !== 0;
  const targetsOf = (b: { pcs: number[]; next: number }): number[] => {
    const last = b.pcs[b.pcs.length - 1];
    const fl = flowOf(d, last);
    if (fl === Flow.Jump) return [jumpTarget(d, last)];
    if (fl === Flow.Cond) return [jumpTarget(d, last), b.next];
    if (fl === Flow.Exit || fl === Flow.Bad) return [];
    return [b.next];
  };
  // A block that jumps to its own start (a one-block loop) becomes a wasm `loop` of its own.
  const selfLoop = f.blocks.map((b, i) => targetsOf(b).some((t) => f.index.get(t) === i));
  f.blocks.forEach((b, i) => {
    for (const t of targetsOf(b)) {
      const j = f.index.get(t);
      if (j !== undefined && j < i) dispatch = true;
    }
  });

  let cur = 0; // block being emitted
  let extra = 0; // structured nesting inside the current block's code
  /** Branch to slot `t` when the i32 on the stack is non-zero. */
  const brIfTo = (t: number) => {
    const j = t >= 0 && t < n ? f.index.get(t) : undefined;
    if (j === undefined) {
      e.if();
      oops(K.OffEnd, 0, 0, () => e.i64(t));
      e.end();
    } else if (j > cur) {
      e.brIf(j - cur - 1 + extra);
    } else if (j === cur && selfLoop[cur]) {
      e.brIf(extra - 1);
    } else {
      e.if().i32(j).set(L_BLK).br(m - 1 - cur + extra + 1).end();
    }
  };
  /** Continue at slot `t` (fall-through when it is the next block). */
  const goto = (t: number) => {
    const j = t >= 0 && t < n ? f.index.get(t) : undefined;
    if (j === undefined) oops(K.OffEnd, 0, 0, () => e.i64(t));
    else if (j === cur + 1 && extra === 0) return;
    else if (j > cur) e.br(j - cur - 1 + extra);
    else if (j === cur && selfLoop[cur]) e.br(extra - 1);
    else e.i32(j).set(L_BLK).br(m - 1 - cur + extra);
  };

  // Linear offsets of the frame's stack and (proved mode) of the context, when some access uses them.
  let usesFp = false, usesCtx = false;
  for (const b of f.blocks) for (const pc of b.pcs) {
    const a = staticAccess(pc);
    if (a?.base === Base.Fp) usesFp = true;
    else if (a?.base === Base.Ctx) usesCtx = true;
  }
  if (usesFp) {
    e.get(10).i64(-512).op(OP.i64Add);
    quietXlate(512, false);
    e.tee(L_FP).i32(0).op(OP.i32LtS).if().op(OP.unreachable).end(); // r10 is always a live stack's top
  }
  if (usesCtx) {
    e.get(1);
    quietXlate(1, false);
    e.set(L_CTX);
  }

  // Shared out-of-line stops: `br $btrap` with X = block start (budget), `br $ftrap` with X = pc,
  // O = size | write << 8, A = address and REM adjusted (fault). Keeps each block's check small.
  e.block(); // $ftrap
  e.block(); // $btrap
  /** Depth of $btrap from the current position, `inner` structured levels deeper. */
  const btrap = (inner: number) => m - 1 - cur + (dispatch ? 1 : 0) + extra + inner;
  if (dispatch) {
    if (f.entryBlock !== 0) e.i32(f.entryBlock).set(L_BLK);
    e.loop();
    for (let k = 0; k < m; k++) e.block();
    e.get(L_BLK);
    e.c.byte(OP.brTable).u32(m);
    for (let k = 0; k < m; k++) e.c.u32(k);
    e.c.u32(m - 1);
    e.end();
  } else {
    for (let k = 1; k < m; k++) e.block();
  }
  for (let i = 0; i < m; i++) {
    if (i > 0) e.end();
    cur = i;
    extra = 0;
    if (selfLoop[i]) {
      e.loop();
      extra = 1;
    }
    const b = f.blocks[i];
    const L = b.pcs.length;
    // Budget: take the block's instructions up front; too few left → the host finishes the block.
    e.get(L_REM).i64(L).op(OP.i64LtS).if().i32(b.start).set(L_X).br(btrap(1)).end();
    e.get(L_REM).i64(L).op(OP.i64Sub).set(L_REM);
    if (cbase >= 0) e.gget(N_HOST_GLOBALS + cbase + i).i64(1).op(OP.i64Add).gset(N_HOST_GLOBALS + cbase + i);
    let open = true; // control may fall through past the last instruction
    b.pcs.forEach((pc, j) => {
      open = emitInsn(pc, L - j - 1);
    });
    if (selfLoop[i]) {
      e.end();
      extra = 0;
    }
    if (open) goto(b.next);
  }
  if (dispatch) e.end();
  e.op(OP.unreachable);
  e.end(); // $btrap
  e.i32(K.Budget).get(L_X).get(L_DEPTH).get(L_REM).i64(0).i32(0);
  for (let r = 0; r <= 10; r++) e.get(r);
  e.call(F_OOPS).op(OP.unreachable);
  e.end(); // $ftrap
  e.i32(K.Fault).get(L_X).get(L_DEPTH).get(L_REM).get(L_A).get(L_O);
  for (let r = 0; r <= 10; r++) e.get(r);
  e.call(F_OOPS).op(OP.unreachable);
  return e.c;

  // ---------------------------------------------------------------------------------------------

  /** Emit slot `pc`; returns false when control never falls through to the next slot. */
  function emitInsn(pc: number, remAdj: number): boolean {
    const c = d.code[pc];
    const dr = d.dst[pc], sr = d.src[pc], off = d.off[pc], imm = d.imm[pc];
    const isX = (c & 8) !== 0;
    const op64 = () => (isX ? e.get(sr) : e.i64(imm));
    const op32 = () => (isX ? e.get(sr).op(OP.i32WrapI64) : e.i32(imm));
    const cls = c & 7;
    if (c === 0) {
      oops(K.Invalid, pc, remAdj, () => e.i64(0));
      return false;
    }
    switch (cls) {
      case 7: return emitAlu64(e, c, dr, sr, off, imm, isX, op64), true;
      case 4: return emitAlu32(e, c, dr, sr, off, imm, isX, op32), true;
      case 5: case 6: return jmp(pc, c, dr, imm, cls === 6, op64, op32);
      case 0: // ld_imm64
        e.i64((BigInt(d.hi64[pc] >>> 0) << 32n) | BigInt(imm >>> 0)).set(dr);
        return true;
      case 1: { // LDX
        const size = c === 0x79 ? 8 : SIZE_OF(c);
        xlate(pc, sr, off, size, false, remAdj);
        e.get(L_O);
        const signed = (c & 0xe0) === 0x80;
        e.mem(size === 8 ? OP.i64Load : size === 4 ? (signed ? OP.i64Load32S : OP.i64Load32U)
          : size === 2 ? (signed ? OP.i64Load16S : OP.i64Load16U) : (signed ? OP.i64Load8S : OP.i64Load8U));
        e.set(dr);
        return true;
      }
      case 2: case 3: { // ST / STX
        if (cls === 3 && (c & 0xe0) === 0xc0) return atomic(pc, c, dr, sr, off, imm, remAdj), true;
        const size = SIZE_OF(c);
        xlate(pc, dr, off, size, true, remAdj);
        e.get(L_O);
        if (cls === 3) e.get(sr);
        else e.i64(imm);
        store(size);
        return true;
      }
    }
    oops(K.Invalid, pc, remAdj, () => e.i64(0));
    return false;
  }

  function store(size: number) {
    e.mem(size === 8 ? OP.i64Store : size === 4 ? OP.i64Store32 : size === 2 ? OP.i64Store16 : OP.i64Store8);
  }

  /**
   * The access at `pc` when the translator can place it without a run-time check: `r10 + t` with
   * the whole access inside the frame's stack (both modes), or `ctx + t` with t >= 0 (proved mode).
   */
  function staticAccess(pc: number): { base: Base; t: number } | undefined {
    const c = d.code[pc];
    const cls = c & 7;
    let reg: number, size: number;
    if (cls === 1) { reg = d.src[pc]; size = c === 0x79 ? 8 : SIZE_OF(c); }
    else if (cls === 2 || cls === 3) {
      reg = cls === 3 && (c & 0xe0) === 0xc0 && d.imm[pc] === 0x100 ? d.src[pc] : d.dst[pc];
      size = cls === 3 && (c & 0xe0) === 0xc0 ? (c === 0xdb ? 8 : c === 0xc3 ? 4 : c === 0xcb ? 2 : 1) : SIZE_OF(c);
    } else return undefined;
    const fa = facts[pc];
    if (!fa) return undefined;
    const base = reg === 10 ? Base.Fp : (fa.base[reg] as Base);
    const t = (reg === 10 ? 0 : fa.k[reg]) + d.off[pc];
    if (base === Base.Fp && t >= -512 && t + size <= 0) return { base, t };
    if (base === Base.Ctx && proven && t >= 0 && t < 0x7fff0000) return { base, t }; // no i32 wrap: L_CTX < 1 GiB
    return undefined;
  }

  /** The i64 address on the stack → its linear offset (i32), or -1 when it does not translate; never stops. */
  function quietXlate(size: number, write: boolean) {
    const s = newSite();
    e.tee(L_A).gget(gB(s)).op(OP.i64Sub).tee(L_T).gget(gE(s)).op(OP.i64LtU);
    e.if(I32);
    e.get(L_T).op(OP.i32WrapI64).gget(gO(s)).op(OP.i32Add);
    e.else();
    e.get(L_A).i32(size).i32(write ? 1 : 0).call(F_XLATE).tee(L_O).i32(0).op(OP.i32GeS).if();
    e.gget(G.SB).gset(gB(s)).gget(G.SE).gset(gE(s)).gget(G.SO).gset(gO(s));
    e.end();
    e.get(L_O);
    e.end();
  }

  /** Leave the linear offset of [reg + off, size) in L_O, or stop with the interpreter's fault. */
  function xlate(pc: number, reg: number, off: number, size: number, write: boolean, remAdj: number) {
    const st = staticAccess(pc);
    if (st?.base === Base.Fp) {
      e.get(L_FP).i32(512 + st.t).op(OP.i32Add).set(L_O);
      return;
    }
    if (st?.base === Base.Ctx) {
      // Proved mode: no check (the verifier proved the access lies in the context). A context that
      // did not translate at entry (L_CTX < 0) takes the checked path below.
      e.get(L_CTX).i32(0).op(OP.i32GeS).if();
      e.get(L_CTX).i32(st.t).op(OP.i32Add).set(L_O);
      e.else();
      checkedXlate(pc, reg, off, size, write, remAdj, 1);
      e.end();
      return;
    }
    checkedXlate(pc, reg, off, size, write, remAdj, 0);
  }

  function checkedXlate(pc: number, reg: number, off: number, size: number, write: boolean, remAdj: number, nest: number) {
    const s = newSite();
    e.get(reg);
    if (off) e.i64(off).op(OP.i64Add);
    e.tee(L_A).gget(gB(s)).op(OP.i64Sub).tee(L_T).gget(gE(s)).op(OP.i64LtU);
    e.if(I32);
    e.get(L_T).op(OP.i32WrapI64).gget(gO(s)).op(OP.i32Add);
    e.else();
    e.get(L_A).i32(size).i32(write ? 1 : 0).call(F_XLATE).tee(L_O).i32(0).op(OP.i32LtS).if();
    if (remAdj) e.get(L_REM).i64(remAdj).op(OP.i64Add).set(L_REM);
    // aux = size | write << 8 | (counter + 1) << 9 in counting mode (host.ts uncounts the block's rest)
    e.i32(pc).set(L_X).i32(size | (write ? 0x100 : 0) | (cbase >= 0 ? (cbase + cur + 1) << 9 : 0)).set(L_O).br(btrap(2 + nest) + 1);
    e.end();
    e.gget(G.SB).gset(gB(s)).gget(G.SE).gset(gE(s)).gget(G.SO).gset(gO(s));
    e.get(L_O);
    e.end();
    e.set(L_O);
  }

  function atomic(pc: number, c: number, dr: number, sr: number, off: number, op: number, remAdj: number) {
    const size = c === 0xdb ? 8 : c === 0xc3 ? 4 : c === 0xcb ? 2 : 1;
    const load = size === 8 ? OP.i64Load : size === 4 ? OP.i64Load32U : size === 2 ? OP.i64Load16U : OP.i64Load8U;
    if (op === 0x100) { // load-acquire
      xlate(pc, sr, off, size, false, remAdj);
      e.get(L_O).mem(load).set(dr);
      return;
    }
    xlate(pc, dr, off, size, true, remAdj);
    if (op === 0x110) { // store-release
      e.get(L_O).get(sr);
      store(size);
      return;
    }
    e.get(L_O).mem(load).set(L_T); // old value
    const base = op & ~1;
    if (base === 0xf0) { // cmpxchg: store src if r0 == old; r0 = old
      if (size === 8) e.get(0).get(L_T).op(OP.i64Eq);
      else e.get(0).op(OP.i32WrapI64).get(L_T).op(OP.i32WrapI64).op(OP.i32Eq);
      e.if().get(L_O).get(sr);
      store(size);
      e.end();
      e.get(L_T).set(0);
      return;
    }
    e.get(L_O);
    if (base === 0xe0) e.get(sr);
    else {
      e.get(L_T).get(sr);
      e.op(base === 0x00 ? OP.i64Add : base === 0x40 ? OP.i64Or : base === 0x50 ? OP.i64And : OP.i64Xor);
    }
    store(size);
    if (op & 1) e.get(L_T).set(sr);
  }

  function jmp(pc: number, c: number, dr: number, imm: number, is32: boolean,
    op64: () => unknown, op32: () => unknown): boolean {
    if (c === 0x05 || c === 0x06) { goto(jumpTarget(d, pc)); return false; }
    if (c === 0x95) { // exit
      e.get(L_DEPTH).op(OP.i32Eqz).if();
      for (let r = 6; r <= 10; r++) e.get(r).gset(G.R + r);
      e.end();
      for (let r = 0; r <= 5; r++) e.get(r);
      e.get(L_REM).op(OP.return);
      return false;
    }
    if (c === 0x85) {
      if (d.src[pc] === 1) localCall(pc, callTarget(d, pc));
      else if (imm === 8 && inline.cpuId) e.gget(G.CPU).op(OP.i64ExtendI32U).set(0);
      else if (imm === 1 && (inline.arrays?.length || inline.hashes?.length)) inlineLookup(pc, inline.arrays ?? [], inline.hashes ?? []);
      else helperCall(pc, () => e.i32(imm));
      goto(pc + 1);
      return false;
    }
    if (c === 0x8d) { callx(pc, dr); goto(pc + 1); return false; }
    // conditional jumps
    const o = c & 0xf0;
    if (o === 0x40) { // jset
      if (is32) { e.get(dr).op(OP.i32WrapI64); op32(); e.op(OP.i32And); }
      else { e.get(dr); op64(); e.op(OP.i64And).op(OP.i64Eqz).op(OP.i32Eqz); }
    } else if (is32) {
      e.get(dr).op(OP.i32WrapI64);
      op32();
      e.op(CMP32[o]);
    } else {
      e.get(dr);
      op64();
      e.op(CMP64[o]);
    }
    brIfTo(jumpTarget(d, pc));
    goto(pc + 1);
    return false;
  }

  function depthCheck(pc: number) {
    e.get(L_DEPTH).i32(MAX_CALL_FRAMES - 1).op(OP.i32GeS).if();
    oops(K.Stack, pc, 0, () => e.i64(0));
    e.end();
  }

  function enterFrame(pc: number) {
    e.get(L_DEPTH).i32(1).op(OP.i32Add).i32(pc).call(F_ENTERFRAME).set(L_T);
  }

  function callFn(k: number) {
    for (let r = 0; r <= 9; r++) e.get(r);
    e.get(L_T).get(L_REM).get(L_DEPTH).i32(1).op(OP.i32Add).call(F_FN0 + k);
    e.set(L_REM);
    for (let r = 5; r >= 0; r--) e.set(r);
  }

  function localCall(pc: number, target: number) {
    depthCheck(pc);
    enterFrame(pc);
    callFn(fnIndex.get(target)!);
  }

  function helperCall(pc: number, id: () => void) {
    e.get(0).gset(G.R);
    for (let r = 6; r <= 10; r++) e.get(r).gset(G.R + r);
    e.get(L_REM).gset(G.REM);
    id();
    e.i32(pc).get(L_DEPTH);
    for (let r = 1; r <= 5; r++) e.get(r);
    e.call(F_HELPER).set(0);
    e.gget(G.REM).set(L_REM);
    e.gget(G.TAIL).if().i32(0).gset(G.TAIL);
    for (let r = 0; r <= 5; r++) e.gget(G.R + r);
    e.gget(G.REM).op(OP.return).end();
  }

  /**
   * bpf_map_lookup_elem on an array map, in WebAssembly: r1 is one of the maps → read the u32 key at
   * r2 (through a translation cache), r0 = &value[key] (this CPU's block) or NULL past the end. Any
   * other map, or a key pointer that does not translate, goes to the JavaScript helper.
   */
  function inlineLookup(pc: number, arrays: readonly InlineArray[], hashes: readonly InlineHash[]) {
    e.block();
    extra++;
    hashes.forEach((h, k) => { // the runner's hashLookup(k, key offset), no BigInt arguments
      e.get(1).i64(h.addr).op(OP.i64Eq).if();
      e.get(2);
      quietXlate(h.keySize, false);
      e.tee(L_O).i32(0).op(OP.i32GeS).if();
      e.i32(k).get(L_O).call(F_HLOOKUP).set(0).br(2);
      e.end();
      e.end();
    });
    for (const a of arrays) {
      e.get(1).i64(a.addr).op(OP.i64Eq).if();
      e.get(2);
      quietXlate(4, false);
      e.tee(L_O).i32(0).op(OP.i32GeS).if();
      e.get(L_O).mem(OP.i64Load32U).tee(L_T).i64(a.maxEntries).op(OP.i64LtU).if(I64);
      e.i64(a.bases[0]).set(L_A);
      for (let k = 1; k < a.bases.length; k++) {
        e.i64(a.bases[k]).get(L_A).gget(G.CPU).i32(k).op(OP.i32Eq).op(OP.select).set(L_A);
      }
      e.get(L_T).i64(a.elemSize).op(OP.i64Mul).get(L_A).op(OP.i64Add);
      e.else().i64(0).end();
      e.set(0).br(2);
      e.end();
      e.end();
    }
    helperCall(pc, () => e.i32(1));
    e.end();
    extra--;
  }

  function callx(pc: number, dr: number) {
    e.get(dr).tee(L_A).i64(32).op(OP.i64ShrU).op(OP.i32WrapI64).i32(PROG_TEXT_HI).op(OP.i32Eq);
    e.get(L_A).op(OP.i32WrapI64).i32(PROG_TEXT_LO).op(OP.i32Sub).tee(L_X).i32(8 * n).op(OP.i32LtU).op(OP.i32And);
    e.get(L_X).i32(7).op(OP.i32And).op(OP.i32Eqz).op(OP.i32And);
    e.if();
    extra++;
    depthCheck(pc);
    enterFrame(pc);
    e.block();
    extra++;
    for (const [entry, k] of fnIndex) {
      if (entry < 0 || entry >= n) continue;
      e.get(L_X).i32(entry * 8).op(OP.i32Eq).if();
      callFn(k);
      e.br(1).end();
    }
    for (let r = 0; r <= 9; r++) e.get(r).gset(G.R + r);
    e.get(L_T).gset(G.R + 10).get(L_REM).gset(G.REM);
    e.get(L_X).i32(3).op(OP.i32ShrU).i32(pc).get(L_DEPTH).i32(1).op(OP.i32Add).call(F_CALL);
    for (let r = 0; r <= 5; r++) e.gget(G.R + r).set(r);
    e.gget(G.REM).set(L_REM);
    e.end();
    extra--;
    e.else();
    e.get(L_A).i64(4096).op(OP.i64LtU).if();
    extra++;
    helperCall(pc, () => e.get(L_A).op(OP.i32WrapI64));
    e.else();
    oops(K.Exec, pc, 0, () => e.get(L_A));
    e.end();
    extra--;
    e.end();
    extra--;
  }
}

const CMP64: Record<number, number> = {
  0x10: OP.i64Eq, 0x20: OP.i64GtU, 0x30: OP.i64GeU, 0x50: OP.i64Ne, 0x60: OP.i64GtS, 0x70: OP.i64GeS,
  0xa0: OP.i64LtU, 0xb0: OP.i64LeU, 0xc0: OP.i64LtS, 0xd0: OP.i64LeS,
};
const CMP32: Record<number, number> = {
  0x10: OP.i32Eq, 0x20: OP.i32GtU, 0x30: OP.i32GeU, 0x50: OP.i32Ne, 0x60: OP.i32GtS, 0x70: OP.i32GeS,
  0xa0: OP.i32LtU, 0xb0: OP.i32LeU, 0xc0: OP.i32LtS, 0xd0: OP.i32LeS,
};
