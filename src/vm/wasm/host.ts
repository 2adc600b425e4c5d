/**
 * The JavaScript side of the WebAssembly engine, one `WasmHost` per `Memory`: the globals every
 * module instance shares (register transfer, budget, per-frame call pcs and stacks), the imports
 * (address-translation slow path, oops, helper calls, dynamic calls, stack creation), the `VmApi`
 * helpers see, and `runInstance`, which runs a program and builds a `RunResult` exactly as the
 * reference interpreter would: same r0, registers, step count, memory and the same `Oops` (kind,
 * pc, address and the rendered report, made by the same oops.ts functions from the same state).
 *
 * Stops unwind by throwing the private `UNWIND` sentinel through the wasm frames after recording
 * what happened in `host.pending`; a callback's stop is turned into the interpreter's `VmTrap`
 * ('nested' / 'stop') at the `callFunction` boundary, so helpers see the same exceptions. When the
 * budget runs out inside a block, the block is finished by the reference interpreter (`execute`
 * from the block's first slot with the live registers), so the budget oops lands on the same pc.
 *
 * Translation caches (one per load/store site, in each instance) stay valid while regions are only
 * added; a removed region (a freed `mem`, a helper's free) bumps `epoch`, and every instance drops
 * its caches (`inv`) before it runs again — unless every old region is still mapped identically
 * (same address, size, linear offset, permission: a per-packet context freed and allocated again),
 * which keeps the caches. A change is detected in O(1): `Memory` only pushes new regions and
 * splices freed ones, so (length, last region) changes on every change, and a pure append keeps
 * the old last region at its old index.
 *
 * Helper calls: r1..r5 arrive as i64 (BigInt); the call record is pooled per nesting level, so a
 * call allocates nothing but the BigInts. Inlined helpers (translate.ts) do not come here at all;
 * inlined hash lookups come through `hlookup` with i32 arguments (map index, key's linear offset).
 *
 * Counting mode (programs compiled with `count`): bookkeeping in counts.ts (`host.counts`).
 *
 * Deliberately not here: translation (translate.ts), compilation and caching (engine.ts, compile.ts), tracing
 * (the interpreter's job). Provenance: our own; semantics follow interpreter.ts.
 */
import type { Insn } from '../../isa/insn.ts';
import { MAX_BPF_STACK, MAX_CALL_FRAMES } from '../../isa/opcodes.ts';
import { makeVmApi, VmTrap, type VmApi } from '../api.ts';
import type { LdImm64Resolver } from '../decode.ts';
import { execute } from '../interpreter.ts';
import { PROG_TEXT_BASE, type Memory, type Region } from '../memory.ts';
import {
  faultReport, helperReport, invalidReport, offEndReport, stackReport, type OopsContext,
} from '../oops.ts';
import { MAX_TAIL_CALL_CNT, type HelperFn, type Oops } from '../types.ts';
import { BlockCounts } from './counts.ts';
import { compileCached } from './compile.ts';
import { defaultCache, dynamicEntry, type EngineCache, type WasmProgram } from './engine.ts';
import { G, HOST_GLOBAL_TYPES, K } from './translate.ts';
import { I64 } from './binary.ts';

/** What ended a run other than a clean exit of frame 0. */
interface Pending {
  oops?: Oops;
  stopR0?: bigint;
  regs: bigint[];
  steps: number;
}

/** One execute-level context: the top-level run, or one `callFunction` callback (own tail-call count). */
interface RunCtx {
  budget: number;
  helpers: Record<number, HelperFn>;
  helperName: (id: number) => string | undefined;
  tailCalls: number;
  /** Set when a helper ended the program with vm.stop (interpreter: stopR0). */
  stopR0?: bigint;
}

/** A helper call in progress (innermost last). */
interface HelperCall {
  inst: Instance;
  pc: number;
  depth: number;
  args: bigint[];
  pendingTail?: WasmProgram;
}

interface Exports {
  main: (a0: number, a1: number, a2: number, a3: number, a4: number, a5: number, a6: number, a7: number, a8: number, a9: number, budget: number) => number;
  repeat: (count: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number, a6: number, a7: number, a8: number, a9: number, budget: number) => number;
  enter: (fn: number, depth: number) => void;
  inv: () => void;
}

export interface Instance {
  readonly program: WasmProgram;
  readonly exports: Exports;
  epoch: number;
  /** Counting mode: the block counters (exported globals `c<k>`, i64). */
  readonly counters?: WebAssembly.Global[];
}

/** The host globals' indices as plain constants (hot paths: no property loads through the module binding). */
const { R: G_R, REM: G_REM, TAIL: G_TAIL, CPC: G_CPC, SOFF: G_SOFF, STOP: G_STOP, SB: G_SB, SE: G_SE, SO: G_SO, CPU: G_CPU } = G;
const UNWIND = { unwind: true } as const;
const STACK_SIZE = MAX_BPF_STACK;
const U64 = (v: bigint) => BigInt.asUintN(64, v);
const MAX_U64 = 0xffffffffffffffffn;

export class WasmHost {
  readonly memory: Memory;
  readonly g: WebAssembly.Global[];
  readonly api: VmApi;
  /** Compilation cache for tail-called programs. */
  cache: EngineCache = defaultCache;
  /** The CPU last written to the CPU global. */
  private cpu = 0;
  /** Counting mode's bookkeeping (counts.ts): where counts go, which program is which, flushing. */
  readonly counts = new BlockCounts((p) => this.instances.get(p));
  /** Inlined hash-map lookups of the current run (InlineSpec.hashes): index, key's linear offset → value address or 0. */
  hashLookup: ((index: number, keyOffset: number) => bigint) | undefined;
  private epoch = 0;
  private snapLen = 0;
  private snapLast: Region | undefined;
  /** The regions at the last check (to tell a free + identical re-allocation from a real removal). */
  private snap: Region[] = [];
  private readonly ctxs: RunCtx[] = [];
  private readonly calls: HelperCall[] = [];
  /** Reusable call records by nesting level. */
  private readonly pool: HelperCall[] = [];
  private pending: Pending | undefined;
  private readonly instances = new WeakMap<WasmProgram, Instance>();
  /** Frame 0's stack as last given to the globals. */
  private stack0: Region | undefined;
  /** The top-level run context, reused from run to run. */
  private readonly topCtx: RunCtx = { budget: 0, helpers: {}, helperName: () => undefined, tailCalls: 0 };
  /** Results of the last `run`: the stop (status 1), the internal error (status 2), r0's low half. */
  lastError = '';
  lastPending: Pending | undefined;
  private low = 0;
  /** Globals at the end of a nested run (the outer run's were restored). */
  private resultGlobals: Array<bigint | number> | undefined;

  constructor(memory: Memory) {
    this.memory = memory;
    this.g = HOST_GLOBAL_TYPES.map((t) => new WebAssembly.Global({ value: t === I64 ? 'i64' : 'i32', mutable: true }, t === I64 ? 0n : 0) as WebAssembly.Global);
    this.api = makeVmApi({
      memory,
      pc: () => this.call().pc,
      frame: () => this.call().depth,
      reg: (r) => {
        if (!Number.isInteger(r) || r < 0 || r > 10) return 0n; // as the interpreter's typed arrays answer
        const c = this.call();
        return r >= 1 && r <= 5 ? c.args[r - 1] : U64(this.g[G_R + r].value as bigint);
      },
      recordWrite: () => {},
      stop: (r0) => { this.ctx().stopR0 = U64(r0); },
      callFunction: (fn, args) => this.callFunction(fn, args),
      tailCall: (prog, resolve) => this.tailCall(prog, resolve),
    });
  }

  private ctx(): RunCtx { return this.ctxs[this.ctxs.length - 1]; }
  private call(): HelperCall { return this.calls[this.calls.length - 1]; }

  /** The instance of `p` over this host's memory (created on first use). */
  instance(p: WasmProgram): Instance {
    let inst = this.instances.get(p);
    if (inst) return inst;
    const imports: Record<string, unknown> = { mem: this.memory.wasm };
    this.g.forEach((g, k) => { imports[`g${k}`] = g; });
    const self = this;
    const holder: { inst?: Instance } = {};
    imports.xlate = (a: bigint, size: number, write: number) => self.xlate(a, size, write);
    imports.oops = (kind: K, pc: number, depth: number, rem: bigint, addr: bigint, aux: number, ...regs: bigint[]) =>
      self.oops(holder.inst!, kind, pc, depth, rem, addr, aux, regs);
    imports.helper = (id: number, pc: number, depth: number, r1: bigint, r2: bigint, r3: bigint, r4: bigint, r5: bigint) =>
      self.helper(holder.inst!, id, pc, depth, r1, r2, r3, r4, r5);
    imports.call = (target: number, _callPc: number, depth: number) => self.dynCall(holder.inst!, target, depth);
    imports.stack = (depth: number) => self.makeStack(depth);
    imports.hlookup = (k: number, keyOffset: number) => {
      const f = self.hashLookup;
      if (!f) throw new Error('the program was compiled with inlined hash lookups (inline.hashes) but the run has no hashLookup');
      return f(k, keyOffset);
    };
    const wi = new WebAssembly.Instance(p.module, { e: imports as WebAssembly.ModuleImports });
    const ex = wi.exports as Record<string, unknown>;
    inst = {
      program: p, exports: wi.exports as unknown as Exports, epoch: this.epoch,
      ...(p.blocks ? { counters: p.blocks.map((_, k) => ex[`c${k}`] as WebAssembly.Global) } : {}),
    };
    holder.inst = inst;
    this.instances.set(p, inst);
    return inst;
  }

  // ---- region bookkeeping ----

  private checkRegions(): void {
    const rs = this.memory.regions;
    const len = rs.length;
    if (len === this.snapLen && (len === 0 || rs[len - 1] === this.snapLast)) return;
    const appended = this.snapLen === 0 || (len > this.snapLen && rs[this.snapLen - 1] === this.snapLast);
    const old = this.snap;
    this.snap = rs.slice();
    if (!appended && !remapped(old, rs)) {
      this.epoch++;
      // Stacks may have been freed: forget every frame's stack (frame 0's is re-set by `run`).
      for (let k = 0; k < MAX_CALL_FRAMES; k++) this.g[G_SOFF + k].value = 0;
      this.stack0 = undefined;
    }
    this.snapLen = len;
    this.snapLast = rs[len - 1];
  }

  /** Make `inst`'s translation caches valid for the current regions. */
  sync(inst: Instance): void {
    this.checkRegions();
    if (inst.epoch !== this.epoch) {
      inst.exports.inv();
      inst.epoch = this.epoch;
    }
  }

  private xlate(a: bigint, size: number, write: number): number {
    const u = U64(a);
    const hi = Number(u >> 32n);
    const lo = Number(u & 0xffffffffn);
    const rs = this.memory.regions;
    for (let k = 0; k < rs.length; k++) {
      const r = rs[k];
      if (r.hi !== hi) continue;
      const d = lo - r.lo;
      if (d >= 0 && d + size <= r.size) {
        if (write && r.perm !== 'rw') return -2;
        this.g[G_SB].value = r.base;
        this.g[G_SE].value = BigInt(r.size - size + 1);
        this.g[G_SO].value = r.offset;
        return r.offset + d;
      }
    }
    return -1;
  }

  private makeStack(depth: number): void {
    const st = this.memory.stack(depth, MAX_BPF_STACK);
    this.checkRegions();
    this.g[G_SOFF + depth].value = st.offset;
    this.g[G_STOP + depth].value = st.base + BigInt(st.size);
  }

  // ---- stops ----

  private callers(depth: number): number[] {
    const out: number[] = [];
    for (let k = depth - 1; k >= 0; k--) out.push(this.g[G_CPC + k].value as number);
    return out;
  }

  private octx(inst: Instance, pc: number, depth: number, regs: bigint[]): OopsContext {
    return { pc, nInsns: inst.program.decoded.n, regs, callers: this.callers(depth), frame: depth };
  }

  /** Record a stop and unwind to the run (or callback) boundary. */
  private fail(p: Pending): never {
    this.pending = p;
    this.g[G_REM].value = BigInt(this.ctx().budget - p.steps);
    throw UNWIND;
  }

  private oops(inst: Instance, kind: K, pc: number, depth: number, rem: bigint, addr: bigint, aux: number, regs: bigint[]): never {
    const r = regs.map(U64);
    const steps = this.ctx().budget - Number(rem);
    const mem = this.memory;
    const d = inst.program.decoded;
    const c = () => this.octx(inst, pc, depth, r);
    switch (kind) {
      case K.Fault: {
        const a = U64(addr);
        const size = aux & 0xff;
        const access = aux & 0x100 ? 'write' : 'read';
        if (aux >>> 9) this.counts.uncountAfter(inst.program, (aux >>> 9) - 1, pc);
        const t = mem.translate(a, size, access === 'write');
        const reason = t.ok ? 'unmapped' : t.reason;
        return this.fail({ oops: { kind: 'fault', pc, address: a, message: faultReport(c(), mem, a, size, access, reason) }, regs: r, steps });
      }
      case K.Exec: {
        const a = U64(addr);
        const reason = a >> 47n === 0n || a >> 47n === 0x1ffffn ? 'unmapped' : 'noncanonical';
        return this.fail({ oops: { kind: 'fault', pc, address: a, message: faultReport(c(), mem, a, 8, 'exec', reason) }, regs: r, steps });
      }
      case K.Invalid: {
        const why = d.bad[pc] ?? `unknown opcode 0x${d.raw[pc].toString(16).padStart(2, '0')}`;
        return this.fail({ oops: { kind: 'invalid', pc, message: invalidReport(c(), d.raw[pc], why) }, regs: r, steps });
      }
      case K.OffEnd: {
        const target = Number(addr);
        return this.fail({ oops: { kind: 'invalid', pc: target, message: offEndReport(this.octx(inst, target, depth, r), target) }, regs: r, steps });
      }
      case K.Stack:
        return this.fail({ oops: { kind: 'stack', pc, message: stackReport(c(), mem.stack(depth).base - 8n, MAX_CALL_FRAMES) }, regs: r, steps });
      case K.Budget: {
        // Finish the block in the reference interpreter: it stops on the exact instruction.
        const x = this.ctx();
        const res = execute(d, mem, r, {
          budget: x.budget, trace: false, helpers: x.helpers, helperName: x.helperName, entryPc: pc, counts: this.counts.arrayOf(inst.program),
          nest: { frameBase: depth, steps, callers: this.callers(depth) },
        });
        if (!res.oops) throw new Error(`internal: the budget tail at pc ${pc} did not stop`);
        return this.fail({ oops: res.oops, regs: res.regs, steps: res.steps });
      }
    }
  }

  // ---- helpers ----

  private regsAt(call: HelperCall): bigint[] {
    const g = this.g;
    return [U64(g[G_R].value as bigint), ...call.args, ...[6, 7, 8, 9, 10].map((r) => U64(g[G_R + r].value as bigint))];
  }

  /**
   * A helper call from wasm (r1..r5 as signed i64). Allocation-free on the hot path: the call
   * record comes from a pool indexed by nesting level (a callback's helper calls use the next one).
   */
  private helper(inst: Instance, id: number, pc: number, depth: number, r1: bigint, r2: bigint, r3: bigint, r4: bigint, r5: bigint): bigint {
    const x = this.ctx();
    const level = this.calls.length;
    let call = this.pool[level];
    if (call === undefined) {
      call = { inst, pc, depth, args: [0n, 0n, 0n, 0n, 0n] };
      this.pool[level] = call;
    }
    call.inst = inst;
    call.pc = pc;
    call.depth = depth;
    call.pendingTail = undefined;
    const args = call.args;
    args[0] = r1 < 0n ? U64(r1) : r1;
    args[1] = r2 < 0n ? U64(r2) : r2;
    args[2] = r3 < 0n ? U64(r3) : r3;
    args[3] = r4 < 0n ? U64(r4) : r4;
    args[4] = r5 < 0n ? U64(r5) : r5;
    const fn = x.helpers[id];
    if (!fn) {
      const name = x.helperName(id);
      const regs = this.regsAt(call);
      return this.fail({ oops: { kind: 'helper', pc, message: helperReport(this.octx(inst, pc, depth, regs), id, name, `helper ${name ?? '#' + id} is not available in this run`) }, regs, steps: this.stepsNow(x) });
    }
    this.calls.push(call);
    let r: bigint;
    try {
      r = fn(this.api, args[0], args[1], args[2], args[3], args[4]);
      if (typeof r !== 'bigint') throw new Error(`returned ${typeof r}, not a bigint`);
    } catch (t) {
      this.calls.pop();
      if (t instanceof VmTrap && t.kind === 'stop') x.stopR0 = t.detail.r0 ?? 0n;
      else {
        const regs = this.regsAt(call);
        return this.fail({ oops: this.trapOops(t, inst, pc, depth, id, regs), regs, steps: this.stepsNow(x) });
      }
      r = 0n;
    }
    if (this.calls[this.calls.length - 1] === call) this.calls.pop();
    if (x.stopR0 !== undefined) {
      const regs = this.regsAt(call);
      regs[0] = x.stopR0;
      return this.fail({ stopR0: x.stopR0, regs, steps: this.stepsNow(x) });
    }
    const v = r < 0n || r > MAX_U64 ? U64(r) : r;
    if (call.pendingTail) {
      // The tail-called program runs in this frame; its exit is this frame's exit.
      const t = this.instance(call.pendingTail);
      this.sync(t);
      this.g[G_R].value = v;
      for (let k = 0; k < 5; k++) this.g[G_R + 1 + k].value = args[k];
      t.exports.enter(t.program.fnOf.get(0)!, depth);
      this.g[G_TAIL].value = 1;
    }
    this.sync(inst);
    return v;
  }

  /** Steps taken so far (REM holds what the current helper call left). No closure: the hot path creates none. */
  private stepsNow(x: RunCtx): number {
    return x.budget - Number(this.g[G_REM].value as bigint);
  }

  /** The interpreter's fromTrap: a helper's exception as an oops. */
  private trapOops(t: unknown, inst: Instance, pc: number, depth: number, id: number, regs: bigint[]): Oops {
    const c = this.octx(inst, pc, depth, regs);
    const name = this.ctx().helperName(id);
    if (t instanceof VmTrap) {
      if (t.kind === 'nested' && t.detail.oops) return t.detail.oops;
      if (t.kind === 'fault') {
        const dt = t.detail;
        return { kind: 'fault', pc, address: dt.addr, message: faultReport(c, this.memory, dt.addr ?? 0n, dt.size ?? 1, dt.access ?? 'read', dt.reason ?? 'unmapped') };
      }
      return { kind: 'helper', pc, message: helperReport(c, id, name, t.detail.problem ?? 'failed') };
    }
    const msg = t instanceof Error ? t.message : String(t);
    return { kind: 'helper', pc, message: helperReport(c, id, name, `the helper's implementation threw: ${msg}`) };
  }

  private callFunction(fn: bigint, args: bigint[]): bigint {
    const call = this.call();
    const p = call.inst.program;
    const n = p.decoded.n;
    const a = U64(fn);
    const rel = a - PROG_TEXT_BASE;
    if (rel < 0n || rel % 8n !== 0n || rel / 8n >= BigInt(n)) {
      throw new VmTrap('fault', { addr: a, size: 8, access: 'exec', reason: 'unmapped' });
    }
    const frame = call.depth + 1;
    if (frame >= MAX_CALL_FRAMES) {
      const regs = this.regsAt(call);
      throw new VmTrap('nested', { oops: { kind: 'stack', pc: call.pc, message: stackReport(this.octx(call.inst, call.pc, call.depth, regs), this.memory.stack(call.depth).base - 8n, MAX_CALL_FRAMES) } });
    }
    const target = dynamicEntry(p, Number(rel / 8n));
    if ('error' in target) throw new VmTrap('helper', { problem: target.error });
    const st = this.memory.stack(frame, MAX_BPF_STACK);
    this.memory.bytes.fill(0, st.offset, st.offset + st.size);
    const g = this.g;
    const saved = g.slice(G_R, G_R + 11).map((x) => x.value as bigint);
    g[G_CPC + call.depth].value = call.pc;
    g[G_R].value = 0n;
    for (let k = 0; k < 5; k++) g[G_R + 1 + k].value = args[k] ?? 0n;
    for (let r = 6; r <= 9; r++) g[G_R + r].value = 0n;
    g[G_R + 10].value = st.base + BigInt(st.size);
    const outer = this.ctx();
    this.ctxs.push({ budget: outer.budget, helpers: outer.helpers, helperName: outer.helperName, tailCalls: 0 });
    const inst = this.instance(target.program);
    try {
      this.sync(inst);
      inst.exports.enter(target.fn, frame);
      return U64(g[G_R].value as bigint);
    } catch (e) {
      if (e !== UNWIND) throw e;
      const pend = this.pending!;
      this.pending = undefined;
      if (pend.oops) throw new VmTrap('nested', { oops: pend.oops });
      throw new VmTrap('stop', { r0: pend.stopR0 ?? 0n });
    } finally {
      this.ctxs.pop();
      saved.forEach((v, k) => { g[G_R + k].value = v; });
      g[G_TAIL].value = 0;
    }
  }

  private tailCall(prog: readonly Insn[], resolve?: LdImm64Resolver): boolean {
    const x = this.ctx();
    if (x.tailCalls >= MAX_TAIL_CALL_CNT) return false;
    x.tailCalls++;
    // Same inlined helpers (same kernel), but checked mode: nothing says the target was verified.
    const from = this.call().inst.program.opts;
    const c = compileCached(prog, resolve, this.cache, { inline: from.inline, ...(from.count ? { count: true } : {}) });
    if (!c.ok) throw new VmTrap('helper', { problem: c.error });
    if (from.count) this.counts.countAs(c.program, prog);
    this.call().pendingTail = c.program;
    return true;
  }

  private dynCall(inst: Instance, target: number, depth: number): void {
    const t = dynamicEntry(inst.program, target);
    if ('error' in t) throw new Error(t.error);
    const ti = this.instance(t.program);
    this.sync(ti);
    ti.exports.enter(t.fn, depth);
    this.sync(inst);
  }

  // ---- runs ----

  /**
   * Run `inst` from pc 0 in frame 0 with r1..r5 given as (lo, hi) int32 halves in `args`.
   * Returns 0 (frame 0 exited: `lastR0Low`, `exitRegs`, `stepsLeft`), 1 (stopped otherwise:
   * `lastPending`) or 2 (internal failure: `lastError`). `repeat` > 0 runs `repeat` times in wasm.
   */
  run(inst: Instance, args: Int32Array, budget: number, helpers: Record<number, HelperFn>, helperName: (id: number) => string | undefined, repeat = 0): 0 | 1 | 2 {
    const st = this.memory.stack(0, STACK_SIZE);
    this.sync(inst);
    if (st !== this.stack0) {
      this.stack0 = st;
      this.g[G_SOFF].value = st.offset;
      this.g[G_STOP].value = st.base + BigInt(st.size);
    }
    let x = this.topCtx;
    // A run started from inside a helper (same memory): keep the outer run's registers, budget,
    // tail flag and call pcs (stack offsets stay: they describe the memory, not the run).
    const saved = this.ctxs.length ? this.g.slice(0, G_SOFF).map((v) => v.value as bigint | number) : undefined;
    if (saved) x = { budget, helpers, helperName, tailCalls: 0 };
    else {
      x.budget = budget;
      x.helpers = helpers;
      x.helperName = helperName;
      x.tailCalls = 0;
      x.stopR0 = undefined;
    }
    this.ctxs.push(x);
    const depth = this.calls.length;
    try {
      this.low = (repeat > 0
        ? inst.exports.repeat(repeat, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], budget)
        : inst.exports.main(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], budget)) >>> 0;
      return 0;
    } catch (e) {
      if (e !== UNWIND) {
        this.lastError = e instanceof Error ? e.message : String(e);
        if (e instanceof WebAssembly.RuntimeError && inst.program.opts.mode === 'proven') {
          // Proved mode has no check on some accesses: a program the verifier should not have
          // accepted can run off the WebAssembly memory (the last line of defence). Still an oops.
          const regs = Array.from({ length: 11 }, (_, k) => U64(this.g[G_R + k].value as bigint));
          const message = `BUG: unable to handle page fault in verifier-proved mode (${this.lastError})\n`
            + 'The program was run without region checks because the verifier accepted it, and it accessed memory outside the VM.\n'
            + 'This is a verifier bug: run it with the checked engine (or the reference interpreter) to see the faulting instruction.';
          this.lastPending = { oops: { kind: 'fault', pc: 0, message }, regs, steps: budget - Number(this.g[G_REM].value as bigint) };
          return 1;
        }
        return 2;
      }
      this.lastPending = this.pending;
      this.pending = undefined;
      return 1;
    } finally {
      this.ctxs.pop();
      if (this.calls.length !== depth) this.calls.length = depth;
      if (saved) {
        this.resultGlobals = this.g.map((v) => v.value as bigint | number);
        saved.forEach((v, k) => { this.g[k].value = v; });
      } else this.resultGlobals = undefined;
    }
  }


  /** The CPU runs are on (inlined bpf_get_smp_processor_id and per-CPU array lookups read it). */
  setCpu(cpu: number): void {
    if (cpu !== this.cpu) {
      this.cpu = cpu;
      this.g[G_CPU].value = cpu;
    }
  }

  /** Low 32 bits of r0 after the last clean exit. */
  lastR0Low(): number {
    return this.low;
  }

  /** r0..r10 after a clean exit (frame 0's registers). */
  exitRegs(): bigint[] {
    const r = this.resultGlobals;
    return Array.from({ length: 11 }, (_, k) => U64((r ? r[G_R + k] : this.g[G_R + k].value) as bigint));
  }

  stepsLeft(): number {
    return Number((this.resultGlobals ? this.resultGlobals[G_REM] : this.g[G_REM].value) as bigint);
  }
}

export type { Pending };

/**
 * True when every region of `old` is still mapped the same way in `now` (the same object, or a
 * new region with the same address, size, linear offset and permission: what a per-packet context
 * that is freed and allocated again gets). Translation caches then stay valid: they depend on
 * nothing else. Large lists are not compared (the caller invalidates).
 */
function remapped(old: readonly Region[], now: readonly Region[]): boolean {
  if (old.length > 256 || now.length > 256) return false;
  outer: for (const o of old) {
    for (const r of now) {
      if (r === o || (r.offset === o.offset && r.base === o.base && r.size === o.size && r.perm === o.perm)) continue outer;
    }
    return false;
  }
  return true;
}

/** r1..r5 as (lo, hi) int32 halves, the way `main` takes them. */
export function splitArgs(args: readonly bigint[], out = new Int32Array(10)): Int32Array {
  for (let k = 0; k < 5; k++) {
    const v = BigInt.asUintN(64, args[k] ?? 0n);
    out[2 * k] = Number(v & 0xffffffffn) | 0;
    out[2 * k + 1] = Number(v >> 32n) | 0;
  }
  return out;
}

const hosts = new WeakMap<Memory, WasmHost>();

/** The host of `memory` (one per Memory, created on first use). */
export function hostFor(memory: Memory): WasmHost {
  let h = hosts.get(memory);
  if (!h) {
    h = new WasmHost(memory);
    hosts.set(memory, h);
  }
  return h;
}
