/**
 * The simulated kernel a program runs in: maps (created like BPF_MAP_CREATE, with fds), loaded
 * programs (map references patched, context accesses converted), and runs of a program over a
 * packet exactly as BPF_PROG_TEST_RUN gives it — XDP, tc (sched_cls / sched_act), socket filter,
 * cgroup_skb; raw tracepoints with their argument array — with the host's CPU, seeded clock and random numbers, the current task, trace_pipe
 * and ring-buffer events.
 *
 *   const k = createKernel({ seed: 1, cpus: 2 });
 *   k.createMap({ name: 'counts', type: 'array', keySize: 4, valueSize: 8, maxEntries: 4 });
 *   const p = k.load(insns, { type: 'xdp', relocs });          // relocs from assemble()
 *   const r = k.run(p.prog, { packet });                        // { retval: 2, retvalName: 'XDP_PASS', … }
 *   k.dumpMaps();                                               // { counts: { '00000000': '0100000000000000', … } }
 *
 * Maps persist across runs of one kernel (several --packet runs); a new kernel starts fresh.
 * Does not: verify programs (src/verifier), attach points and event-driven types (kprobe,
 * tracepoint, … — later), real redirects (the target is reported).
 * Provenance: BPF_PROG_TEST_RUN behaviour recorded from the running kernel (testdata/run); our code.
 */
import type { Insn } from '../../isa/insn.ts';
import { BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE } from '../../isa/opcodes.ts';
import { Memory, runProgram, type InsnCounter, type HelperFn, type LdImm64Resolver, type Oops, type RunOptions as VmRunOptions, type RunResult, type TraceStep } from '../../vm/index.ts';
import { compileWasm, fastRunner, flushCounts, type FastRunner, type HashLookup, type InlineArray, type InlineSpec, type RunnerStats } from '../../vm/wasm/index.ts';
import { makeHelpers, tracePipeLine, type HelperEnv, type RedirectState, type SimTask } from '../helpers/impl/index.ts';
import { ArrayMap, HashMap, RingBufMap, createMap, dumpMap, hexOf, type BpfMap, type CreateMapResult, type MapSpec, ProgArrayMap } from '../maps/index.ts';
import { isModelledProgType, type ProgTypeName } from '../progtypes/ids.ts';
import { progTypeForCli, returnCodeName } from '../progtypes/progTypes.ts';
import { buildContext, pointerFieldsFor, isSkbType, LOOPBACK_IFINDEX } from './context.ts';
import { reusableContext, type ReusableContext } from './reuseCtx.ts';
import { LD_ABS_HELPER_BASE, rewriteCtxAccess, type LdAbs } from './ctxRewrite.ts';

export interface KernelOptions {
  /** Seed of bpf_get_prandom_u32 (default 1). */
  seed?: number;
  /** Possible CPUs (default 2); per-CPU maps hold this many values. */
  cpus?: number;
  /** CLOCK_MONOTONIC / BOOTTIME at creation, ns (default 1000 s after boot). */
  bootNs?: bigint;
  task?: Partial<SimTask>;
  memory?: Memory;
}

export interface MapReloc {
  pc: number;
  symbol: string;
  kind: 'map' | 'call' | string;
}

export interface LoadOptions {
  /** Program type: kernel name (`sched_cls`) or CLI name (`tc`, `socket`). */
  type: string;
  name?: string;
  /** Map relocations by symbol (from `assemble`): the ld_imm64 at `pc` refers to the map named `symbol`. */
  relocs?: readonly MapReloc[];
  /** Maps an ld_imm64 without relocation refers to by its imm as an index (default: all maps in creation order). */
  maps?: readonly BpfMap[];
  /** The caller ran src/verifier and it accepted the program: the fast engine may drop the checks it guarantees. */
  verified?: boolean;
  /**
   * pcs of loads through BTF pointers (the verifier's probeMem + kernelLoads): rewritten to
   * BPF_PROBE_MEM(SX) as the kernel's convert_ctx_accesses does, so a bad pointer reads 0 and
   * kernel objects are read through the host (RunOptions.probeRead). Such programs run on the
   * reference interpreter (the fast engine does not implement probe loads).
   */
  probeMem?: readonly number[];
}

export interface LoadedProgram {
  readonly fd: number;
  readonly name: string;
  readonly type: ProgTypeName;
  /** The instructions as loaded (map references patched, context accesses converted). */
  readonly insns: readonly Insn[];
  /** The instructions as given. */
  readonly source: readonly Insn[];
  readonly resolve: LdImm64Resolver;
  /** pcs whose context access was converted (for the UI: "rewritten by the kernel"). */
  readonly ctxRewritten: readonly number[];
  /** Accepted by the verifier (LoadOptions.verified): the fast engine runs in its verifier-proved mode. */
  readonly verified?: boolean;
  /** pcs rewritten to BPF_PROBE_MEM(SX) loads (LoadOptions.probeMem). */
  readonly probeMem?: readonly number[];
}

export type LoadResult = { ok: true; prog: LoadedProgram } | { ok: false; message: string; pc?: number };

export interface RunOptions {
  packet?: Uint8Array;
  /** Context bytes for context-only types (raw_tracepoint: the u64 arguments), as ctx_in gives them. */
  ctx?: Uint8Array;
  /** CPU to run on (default 0). */
  cpu?: number;
  budget?: number;
  trace?: boolean;
  /** Let the user-space consumer read ring buffers after the run (default true). */
  consumeRingbuf?: boolean;
  /** 'fast': the WebAssembly engine (src/vm/wasm), bit-for-bit with the reference interpreter; no trace. */
  engine?: 'ref' | 'fast';
}

export interface RunEvent {
  /** Map the record came from. */
  map: string;
  kind: 'ringbuf' | 'perf';
  data: Uint8Array;
}

export interface RunOutcome {
  /** The test run's retval: r0 as unsigned 32 bits. */
  retval: number;
  /** XDP_PASS, TC_ACT_SHOT, …; null when the type gives the number no name. */
  retvalName: string | null;
  r0: bigint;
  /** The packet after the run (from the Ethernet header), when there was one. */
  packetOut?: Uint8Array;
  packetChanged: boolean;
  tracePipe: string[];
  events: RunEvent[];
  steps: number;
  oops?: Oops;
  trace?: TraceStep[];
  redirect?: RedirectState;
  /** The run could not start (bad packet for the type …): errno and message, as BPF_PROG_TEST_RUN fails. */
  error?: { errno: number; message: string };
}

/** mulberry32: a small seeded u32 generator (deterministic replays). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export class Kernel {
  readonly memory: Memory;
  readonly cpus: number;
  readonly task: SimTask;
  readonly maps: BpfMap[] = [];
  readonly progs: LoadedProgram[] = [];
  /** Every trace_pipe line so far. */
  readonly tracePipe: string[] = [];
  private readonly byAddr = new Map<bigint, BpfMap>();
  private readonly fds = new Map<number, BpfMap | LoadedProgram>();
  private nextFd = 3;
  private clock: bigint;
  private readonly random: () => number;
  private readonly ldAbs: LdAbs[] = [];

  constructor(opts: KernelOptions = {}) {
    this.memory = opts.memory ?? new Memory();
    this.cpus = Math.max(1, Math.min(64, Math.floor(opts.cpus ?? 2)));
    this.clock = opts.bootNs ?? 1_000_000_000_000n;
    this.random = rng(opts.seed ?? 1);
    this.task = { comm: 'ebpf-playground', pid: 4242, tgid: 4242, uid: 0, gid: 0, ...opts.task };
  }

  /** Exact per-instruction counts (countInsns): where every run adds them, per program. */
  private counter: InsnCounter | undefined;
  private readonly countArrays = new Map<readonly Insn[], Float64Array>();

  /**
   * Count executions per instruction from now on (on: true), exactly, on every engine: each run
   * (run, packet runners, tracing runs) adds to its program's counts; a tail-called program's
   * instructions count for that program. Off (false) stops counting and forgets the counts. The
   * fast engine then runs its counting mode (one counter per basic block; see src/vm/wasm).
   */
  countInsns(on: boolean): void {
    if (!on) {
      this.counter = undefined;
      this.countArrays.clear();
      return;
    }
    if (this.counter) return;
    this.counter = (p) => {
      let a = this.countArrays.get(p);
      if (!a) this.countArrays.set(p, (a = new Float64Array(p.length)));
      return a;
    };
  }

  /** Where runs add their counts (undefined: not counting); for runners outside this file (tracing.ts). */
  get insnCounter(): InsnCounter | undefined {
    return this.counter;
  }

  /** `prog`'s execution counts so far, one per slot (countInsns); undefined when not counting. */
  insnCounts(prog: LoadedProgram): Float64Array | undefined {
    const c = this.counter;
    if (!c) return undefined;
    flushCounts(this.memory, c);
    return c(prog.insns);
  }

  /** BPF_MAP_CREATE. */
  createMap(spec: MapSpec): CreateMapResult {
    if (this.maps.some((m) => m.name === spec.name)) return { ok: false, errno: 17, message: `map '${spec.name}' is already defined` };
    const r = createMap(spec, { memory: this.memory, cpus: this.cpus }, {
      prog: (fd) => {
        const p = this.fds.get(fd);
        return p && 'insns' in p ? p : undefined;
      },
      mapByName: (name) => this.map(name),
      mapByFd: (fd) => {
        const m = this.fds.get(fd);
        return m && !('insns' in m) ? m : undefined;
      },
    });
    if (r.ok) {
      this.maps.push(r.map);
      this.byAddr.set(r.map.addr, r.map);
      this.fds.set(this.nextFd++, r.map);
    }
    return r;
  }

  map(name: string): BpfMap | undefined {
    return this.maps.find((m) => m.name === name);
  }

  /**
   * Close a map's fd (user space drops it): it leaves the kernel's list, dumps and fd table; a map
   * that holds it (a map-in-map keeps its inner map template) still does. False when unknown.
   */
  closeMap(name: string): boolean {
    const m = this.map(name);
    if (!m) return false;
    this.maps.splice(this.maps.indexOf(m), 1);
    this.byAddr.delete(m.addr);
    for (const [fd, o] of this.fds) if (o === m) this.fds.delete(fd);
    return true;
  }

  /** The fd of a map or program of this kernel. */
  fdOf(obj: BpfMap | LoadedProgram): number | undefined {
    for (const [fd, o] of this.fds) if (o === obj) return fd;
    return undefined;
  }

  /** BPF_PROG_LOAD without the verifier: patch map references, convert context accesses. */
  load(insns: readonly Insn[], opts: LoadOptions): LoadResult {
    const source = insns;
    const type = isModelledProgType(opts.type) ? opts.type : progTypeForCli(opts.type)?.type;
    if (!type) return { ok: false, message: `unknown program type '${opts.type}'` };
    const byPc = new Map<number, string>();
    for (const r of opts.relocs ?? []) if (r.kind === 'map') byPc.set(r.pc, r.symbol);
    const list = opts.maps ?? this.maps;
    const patched = new Map<number, bigint>();
    for (let pc = 0; pc < insns.length; pc++) {
      const i = insns[pc];
      if (i.code !== 0x18) continue;
      const src = i.src;
      if (src === BPF_PSEUDO_MAP_FD || src === BPF_PSEUDO_MAP_VALUE || src === BPF_PSEUDO_MAP_IDX || src === BPF_PSEUDO_MAP_IDX_VALUE) {
        const sym = byPc.get(pc);
        const m = sym !== undefined ? this.map(sym) : list[i.imm];
        if (!m) {
          return sym !== undefined
            ? { ok: false, pc, message: `map '${sym}' is not defined (define it with --map ${sym}:TYPE:KEY:VALUE:MAX)` }
            : { ok: false, pc, message: `ld_imm64 at ${pc} refers to map ${i.imm}, but only ${list.length} map${list.length === 1 ? ' is' : 's are'} defined` };
        }
        if (src === BPF_PSEUDO_MAP_VALUE || src === BPF_PSEUDO_MAP_IDX_VALUE) {
          if (!(m instanceof ArrayMap)) return { ok: false, pc, message: `map '${m.name}' (${m.type}) has no direct value address (only array maps do)` };
          const offset = insns[pc + 1]?.imm ?? 0;
          if (offset < 0 || offset >= m.valueSize) return { ok: false, pc, message: `direct value offset ${offset} is outside map '${m.name}' value (${m.valueSize} bytes)` };
          patched.set(pc, m.elemAddr(0, 0) + BigInt(offset));
        } else patched.set(pc, m.addr);
      }
    }
    const probe = withProbeLoads(insns, opts.probeMem);
    if ('error' in probe) return { ok: false, pc: probe.pc, message: probe.error };
    insns = probe.insns;
    const rw = rewriteCtxAccess(insns, pointerFieldsFor(type), { ldAbs: isSkbType(type), ldAbsBase: this.ldAbs.length });
    this.ldAbs.push(...rw.ldAbs);
    const resolve: LdImm64Resolver = (pc) => patched.get(pc);
    const fd = this.nextFd++;
    const prog: LoadedProgram = {
      fd, name: opts.name ?? `prog${fd}`, type, insns: rw.insns, source: source.slice(), resolve, ctxRewritten: rw.rewritten, verified: opts.verified === true,
      ...(probe.pcs.length ? { probeMem: probe.pcs } : {}),
    };
    this.fds.set(fd, prog);
    this.progs.push(prog);
    return { ok: true, prog };
  }

  /** Put `prog` in slot `index` of prog_array `map` (the user-space update with the program's fd). */
  setTailCall(map: string, index: number, prog: LoadedProgram): number {
    const m = this.map(map);
    if (!(m instanceof ProgArrayMap)) return -22;
    return m.userUpdate(new Uint8Array(new Uint32Array([index]).buffer), new Uint8Array(new Uint32Array([prog.fd]).buffer));
  }

  /** One BPF_PROG_TEST_RUN. */
  run(prog: LoadedProgram, opts: RunOptions = {}): RunOutcome {
    const cpu = Math.max(0, Math.min(this.cpus - 1, opts.cpu ?? 0));
    const trace: string[] = [];
    const events: RunEvent[] = [];
    const empty = (error: { errno: number; message: string }): RunOutcome => ({
      retval: 0, retvalName: null, r0: 0n, packetChanged: false, tracePipe: [], events: [], steps: 0, error,
    });
    if (prog.type === 'raw_tracepoint') return this.runRawTp(prog, opts, cpu, empty);
    if (!opts.packet) return empty({ errno: 22, message: `a ${prog.type} test run needs a packet` });
    const built = buildContext(this.memory, prog.type, opts.packet);
    if (!built.ok) return empty({ errno: built.errno, message: built.message });
    const ctx = built.value;
    this.clock += 1000n;
    const { env, helpers } = this.runtimeFor(prog.type);
    env.cpu = cpu;
    env.packet = ctx.packet;
    env.packetChanged = () => ctx.sync();
    env.redirect = undefined;
    this.sink = { trace, events };
    const res = execute(prog, {
      memory: this.memory, args: [ctx.ctx.base], ldImm64: prog.resolve, helpers, budget: opts.budget, trace: opts.trace, counts: this.counter,
    }, opts.engine);
    const out = ctx.output();
    const packetChanged = out.length !== ctx.initial.length || out.some((b, k) => b !== ctx.initial[k]);
    ctx.free();
    if (opts.consumeRingbuf ?? true) {
      for (const m of this.maps) if (m instanceof RingBufMap) for (const d of m.consume()) events.push({ map: m.name, kind: 'ringbuf', data: d });
    }
    const retval = Number(res.r0 & 0xffffffffn);
    const outcome: RunOutcome = {
      retval, retvalName: retName(prog.type, retval), r0: res.r0, packetOut: out, packetChanged, tracePipe: trace, events, steps: res.steps,
    };
    if (res.oops) outcome.oops = res.oops;
    if (res.trace) outcome.trace = res.trace;
    if (env.redirect) outcome.redirect = env.redirect;
    return outcome;
  }

  /**
   * A runner for many packets through one program (the virtual NIC's path, src/sim/nic/drive.ts):
   * the context and packet buffer are allocated once and refilled per packet (reuseCtx.ts), the
   * trace/event sinks are reused, and the outcome object is reused too — read it before the next
   * run. Same semantics as `run` otherwise (clock, ring-buffer consumption, redirect target),
   * except that the context carries the packet's interface and RX queue.
   */
  /** While true, packet runners run on the reference interpreter and keep the register trace (`PacketRun.trace`). */
  tracePackets = false;

  packetRunner(prog: LoadedProgram, opts: { engine?: 'ref' | 'fast'; budget?: number; consumeRingbuf?: boolean } = {}): PacketRunner | { error: string } {
    const rc = reusableContext(this.memory, prog.type);
    if (!rc) return { error: `program type ${prog.type} cannot be run with packets` };
    const trace: string[] = [];
    const events: RunEvent[] = [];
    const ringbufs = () => this.maps.filter((m): m is RingBufMap => m instanceof RingBufMap);
    let rings = ringbufs();
    let nmaps = this.maps.length;
    const out: PacketRun = { retval: 0, retvalName: null, steps: 0, tracePipe: trace, events, packet: rc };
    const vmOpts: VmRunOptions = { memory: this.memory, args: [rc.ctx.base], ldImm64: prog.resolve, budget: opts.budget };
    return {
      run: (frame, o = {}) => {
        trace.length = 0;
        events.length = 0;
        out.oops = undefined;
        out.redirect = undefined;
        out.error = undefined;
        const bad = rc.load(frame, o.ifindex ?? LOOPBACK_IFINDEX, o.rxQueue ?? 0, o.dataOffset);
        if (bad) {
          out.error = bad;
          out.retval = 0;
          out.retvalName = null;
          out.steps = 0;
          return out;
        }
        this.clock += 1000n;
        const { env, helpers } = this.runtimeFor(prog.type);
        env.cpu = Math.max(0, Math.min(this.cpus - 1, o.cpu ?? 0));
        env.packet = rc.packet;
        env.packetChanged = rc.sync;
        env.redirect = undefined;
        this.sink = { trace, events };
        vmOpts.helpers = helpers;
        vmOpts.counts = this.counter;
        // the fast engine's clean exit needs only r0's low half and the step count
        // tracePackets (the page's Step): the reference interpreter with its register trace
        const traced = this.tracePackets;
        const fr = opts.engine === 'fast' && !traced ? fastRunnerFor(prog, vmOpts) : undefined;
        const low = fr ? fr.run(rc.ctx.base) : -1;
        const res: { r0: bigint; steps: number; oops?: Oops; trace?: TraceStep[] } = low >= 0 ? { r0: BigInt(low), steps: fr!.steps() }
          : traced ? execute(prog, { ...vmOpts, trace: true }, 'ref') : execute(prog, vmOpts, opts.engine, fr !== undefined);
        out.trace = res.trace;
        if (nmaps !== this.maps.length) {
          nmaps = this.maps.length;
          rings = ringbufs();
        }
        if (opts.consumeRingbuf ?? true) for (const m of rings) for (const d of m.consume()) events.push({ map: m.name, kind: 'ringbuf', data: d });
        out.retval = Number(res.r0 & 0xffffffffn);
        out.retvalName = retName(prog.type, out.retval);
        out.steps = res.steps;
        if (res.oops) out.oops = res.oops;
        if (env.redirect) out.redirect = env.redirect;
        return out;
      },
      free: () => rc.free(),
    };
  }

  /**
   * BPF_PROG_TEST_RUN of a raw tracepoint program: ctx_in is the argument array (at most 12 u64,
   * zero-padded here so reading an argument that was not given reads 0), no packet; the program
   * runs in process context with preemption disabled (trace flags "...2.").
   */
  private runRawTp(prog: LoadedProgram, opts: RunOptions, cpu: number, empty: (e: { errno: number; message: string }) => RunOutcome): RunOutcome {
    if (opts.packet && opts.packet.length) return empty({ errno: 22, message: 'raw_tracepoint test runs take no packet (EINVAL)' });
    const bytes = opts.ctx ?? new Uint8Array(0);
    if (bytes.length > 8 * 12) return empty({ errno: 22, message: `raw_tracepoint ctx is at most 96 bytes (12 arguments), got ${bytes.length} (EINVAL)` });
    const ctx = this.memory.alloc('ctx', 96, { name: 'raw_tp args' });
    this.memory.bytes.set(bytes, ctx.offset);
    const trace: string[] = [];
    const events: RunEvent[] = [];
    this.clock += 1000n;
    const { env, helpers } = this.runtimeFor(prog.type);
    env.cpu = cpu;
    env.packet = undefined;
    env.traceFlags = '...2.';
    this.sink = { trace, events };
    const res = execute(prog, { memory: this.memory, args: [ctx.base], ldImm64: prog.resolve, helpers, budget: opts.budget, trace: opts.trace, counts: this.counter }, opts.engine);
    this.memory.freeRegion(ctx);
    if (opts.consumeRingbuf ?? true) {
      for (const m of this.maps) if (m instanceof RingBufMap) for (const d of m.consume()) events.push({ map: m.name, kind: 'ringbuf', data: d });
    }
    const retval = Number(res.r0 & 0xffffffffn);
    const out: RunOutcome = { retval, retvalName: null, r0: res.r0, packetChanged: false, tracePipe: trace, events, steps: res.steps };
    if (res.oops) out.oops = res.oops;
    if (res.trace) out.trace = res.trace;
    return out;
  }

  /** Where the helpers of the current run write trace lines and events. */
  private sink: { trace: string[]; events: RunEvent[] } = { trace: [], events: [] };
  /** Per program type: one env (mutated per run) and its helper table, built once. */
  private readonly runtimes = new Map<ProgTypeName, { env: MutableEnv; helpers: Record<number, HelperFn>; ldAbs: number }>();

  private runtimeFor(type: ProgTypeName): { env: MutableEnv; helpers: Record<number, HelperFn> } {
    const have = this.runtimes.get(type);
    if (have && have.ldAbs === this.ldAbs.length) return have;
    const env: MutableEnv = {
      progType: type,
      cpu: 0,
      traceFlags: 'b..11',
      cpus: this.cpus,
      mapAt: (a) => this.byAddr.get(a),
      maps: () => this.maps,
      monoNs: () => {
        const t = this.clock;
        this.clock += 100n;
        return t;
      },
      bootNs: () => {
        const t = this.clock;
        this.clock += 100n;
        return t;
      },
      random: this.random,
      task: this.task,
      tracePrintk: (msg) => {
        const line = tracePipeLine(this.task.comm, this.task.pid, env.cpu, this.clock, msg, env.traceFlags);
        this.sink.trace.push(line);
        this.tracePipe.push(line);
      },
      event: (map, data) => this.sink.events.push({ map, kind: 'perf', data }),
      packetChanged: () => {},
      tailTarget: (m, idx) => {
        const p = m instanceof ProgArrayMap ? (m.prog(idx) as LoadedProgram | undefined) : undefined;
        return p ? { insns: p.insns, resolve: p.resolve } : undefined;
      },
    };
    const rt = { env, helpers: { ...makeHelpers(env), ...this.ldAbsHelpers(env) }, ldAbs: this.ldAbs.length };
    this.runtimes.set(type, rt);
    runtimeOwners.set(rt.helpers, { kernel: this, env });
    return rt;
  }

  /** The fast engine's statistics for `prog` (compile time, runs, ns per run), once it ran on the fast engine. */
  engineStats(prog: LoadedProgram): RunnerStats | undefined {
    return runners.get(prog)?.runner.stats;
  }

  /** Why the fast engine could not compile `prog`, once it tried (its runs fell back to the reference interpreter). */
  engineFailure(prog: LoadedProgram): string | undefined {
    return runners.get(prog) === null ? compileFailures.get(prog) ?? 'the fast engine could not compile the program' : undefined;
  }

  /** Every map's contents: name → { key hex: value hex | per-CPU value hexes }. */
  dumpMaps(): Record<string, Record<string, string | string[]>> {
    return Object.fromEntries(this.maps.map((m) => [m.name, dumpMap(m)]));
  }

  /** The private helpers LD_ABS / LD_IND were rewritten to call (skb types). */
  private ldAbsHelpers(env: HelperEnv): Record<number, HelperFn> {
    const out: Record<number, HelperFn> = {};
    const SKF_NET_OFF = -0x100000;
    const SKF_LL_OFF = -0x200000;
    this.ldAbs.forEach((l, k) => {
      out[LD_ABS_HELPER_BASE + k] = (vm) => {
        const p = env.packet;
        if (!p || p.kind !== 'skb') return vm.oops('LD_ABS outside a socket buffer');
        let offset = l.imm + (l.ind !== undefined ? Number(BigInt.asIntN(32, vm.reg(l.ind) & 0xffffffffn)) : 0);
        let base = p.data;
        if (offset >= SKF_LL_OFF && offset < SKF_NET_OFF) {
          base = p.mac;
          offset -= SKF_LL_OFF;
        } else if (offset >= SKF_NET_OFF && offset < 0) {
          base = p.network;
          offset -= SKF_NET_OFF;
        }
        const addr = base + BigInt(offset);
        if (offset < 0 || addr < p.mac || addr + BigInt(l.size) > p.dataEnd) {
          vm.stop(0n);
          return 0n;
        }
        const b = vm.readBytes(addr, l.size);
        let v = 0n;
        for (const x of b) v = (v << 8n) | BigInt(x);
        return v;
      };
    });
    return out;
  }
}

/** One packet's result from a `PacketRunner` (reused between runs). */
export interface PacketRun {
  retval: number;
  retvalName: string | null;
  steps: number;
  oops?: Oops;
  redirect?: RedirectState;
  error?: { errno: number; message: string };
  /** trace_pipe lines and ring/perf events of this run (arrays reused between runs). */
  tracePipe: string[];
  events: RunEvent[];
  /** The packet buffer: `output()` copies the packet as data_out gives it, `changed()` compares. */
  packet: ReusableContext;
  /** The register trace, when the kernel's `tracePackets` was set for the run. */
  trace?: TraceStep[];
}

export interface PacketRunner {
  /** `dataOffset`: where skb->data starts for L3 skb types (a UDP socket's filter: the UDP header). */
  run(frame: Uint8Array, o?: { cpu?: number; ifindex?: number; rxQueue?: number; dataOffset?: number }): PacketRun;
  free(): void;
}

/** The per-type env, mutated per run; traceFlags: the irq/preempt column of trace_pipe lines (recorded). */
type MutableEnv = HelperEnv & { cpu: number; traceFlags: string };

function retName(type: ProgTypeName, retval: number): string | null {
  if (type === 'socket_filter' || type === 'cgroup_skb') return null;
  return returnCodeName(type, retval) ?? (retval === 0xffffffff ? returnCodeName(type, -1) ?? null : null);
}

/** A fresh simulated kernel. */
export function createKernel(opts: KernelOptions = {}): Kernel {
  return new Kernel(opts);
}

export { hexOf };

/**
 * One execution in the chosen engine. The fast engine cannot trace; a traced run, or a program the
 * fast engine cannot compile, runs in the reference interpreter (the same results by construction).
 * A loaded program is compiled once and its runner kept (per memory, helper table and budget), so
 * per-packet runs pay no decoding or cache lookup.
 */
export function execute(prog: LoadedProgram, opts: VmRunOptions, engine: 'ref' | 'fast' = 'ref', ran = false): RunResult {
  // probe loads are the reference interpreter's (note for src/vm/wasm: BPF_PROBE_MEM not compiled)
  if (engine === 'fast' && !opts.trace && !prog.probeMem?.length) {
    const runner = fastRunnerFor(prog, opts);
    if (runner) {
      if (!ran) {
        const a = opts.args ?? [];
        runner.run(a[0], a[1], a[2], a[3], a[4]);
      }
      const r = runner.last();
      if (!('error' in r)) return r;
    }
  }
  return runProgram(prog.insns, prog.probeMem?.length ? { ...opts, probeMem: true } : opts);
}

/** The program's fast-engine runner for this memory, helper table and budget (compiled once); undefined when it cannot compile. */
function fastRunnerFor(prog: LoadedProgram, opts: VmRunOptions): FastRunner | undefined {
  let c = runners.get(prog);
  const owner = opts.helpers ? runtimeOwners.get(opts.helpers) : undefined;
  if (owner && !sameList(owner.maps, owner.kernel.maps)) { // maps created or closed since: new layout
    owner.spec = inlineSpec(owner.kernel, opts.helpers!, owner);
    owner.key = inlineKey(owner.spec);
    owner.maps = owner.kernel.maps.slice();
  }
  const inline = owner?.spec;
  const key = owner?.key ?? '';
  const counts = opts.counts;
  if (c === undefined || (c !== null && (c.helpers !== opts.helpers || c.budget !== opts.budget || c.runner.memory !== opts.memory || c.inline !== key || c.counts !== counts))) {
    // counting (Kernel.countInsns): the engine's counting mode, its counters keyed by prog.insns
    const comp = compileWasm(prog.insns, { ldImm64: opts.ldImm64, inline, mode: prog.verified ? 'proven' : 'checked', ...(counts ? { count: true } : {}) });
    c = comp.ok ? {
      helpers: opts.helpers, budget: opts.budget, inline: key, counts,
      runner: fastRunner(comp.engine, { memory: opts.memory, helpers: opts.helpers, budget: opts.budget, timing: true, hashLookup: owner?.hashLookup, counts, countKey: prog.insns }),
    } : null;
    if (!comp.ok) compileFailures.set(prog, comp.error);
    runners.set(prog, c);
  }
  if (c && owner) c.runner.cpu = owner.env.cpu;
  return c?.runner;
}

/** Why the fast engine could not compile a program (its runs went to the reference interpreter). */
const compileFailures = new WeakMap<LoadedProgram, string>();
const runners = new WeakMap<LoadedProgram, { helpers: VmRunOptions['helpers']; budget: number | undefined; inline: string; counts: InsnCounter | undefined; runner: FastRunner } | null>();
/** Which kernel (and per-type env) a helper table belongs to: the fast engine inlines its array lookups. */
const runtimeOwners = new WeakMap<Record<number, HelperFn>, RuntimeOwner>();
interface RuntimeOwner { kernel: Kernel; env: MutableEnv; maps?: BpfMap[]; spec?: InlineSpec; key?: string; hashLookup?: HashLookup }
const sameList = <T>(a: readonly T[] | undefined, b: readonly T[]): boolean => a !== undefined && a.length === b.length && a.every((x, k) => x === b[k]);

/**
 * What the fast engine may compute in WebAssembly for this kernel: bpf_map_lookup_elem on its array
 * and per-CPU array maps (the helper is ours: a 4-byte index, element i at block + i * elemSize)
 * and bpf_get_smp_processor_id (env.cpu, given to the runner per run).
 */
function inlineSpec(k: Kernel, helpers: Record<number, HelperFn>, owner: RuntimeOwner): InlineSpec {
  const arrays: InlineArray[] = [];
  const hashMaps: HashMap[] = [];
  if (helpers[1]) {
    for (const m of k.maps) {
      if (m instanceof ArrayMap && m.keySize === 4) arrays.push({ addr: m.addr, elemSize: m.elemSize, maxEntries: m.maxEntries, bases: m.blocks.map((b) => b.base) });
      else if (m instanceof HashMap) hashMaps.push(m);
    }
  }
  // Hash lookups stay in JS (the map's own lookup), reached with the key's linear offset: no BigInt arguments.
  owner.hashLookup = (i, off) => hashMaps[i].lookupAt(k.memory.bytes, off, owner.env.cpu);
  return { arrays, hashes: hashMaps.map((m) => ({ addr: m.addr, keySize: m.keySize })), cpuId: helpers[8] !== undefined };
}

const inlineKey = (s: InlineSpec): string => `${s.cpuId ? 'C' : ''}${(s.arrays ?? []).map((a) => a.addr.toString(16)).join(',')}|${(s.hashes ?? []).map((a) => a.addr.toString(16)).join(',')}`;

/**
 * convert_ctx_accesses for loads through BTF pointers: LDX|MEM|size → LDX|PROBE_MEM(0x20)|size,
 * LDX|MEMSX|size → LDX|PROBE_MEMSX(0x40)|size, at the given pcs (which must be such loads).
 */
export function withProbeLoads(insns: readonly Insn[], pcs: readonly number[] | undefined): { insns: readonly Insn[]; pcs: number[] } | { error: string; pc: number } {
  if (!pcs?.length) return { insns, pcs: [] };
  const out = insns.slice();
  const done: number[] = [];
  for (const pc of [...new Set(pcs)].sort((a, b) => a - b)) {
    const i = out[pc];
    const mode = i ? i.code & 0xe0 : -1;
    if (!i || (i.code & 0x07) !== 0x01 || (mode !== 0x60 && mode !== 0x80)) return { error: `insn ${pc} is not a load (cannot be a BPF_PROBE_MEM load)`, pc };
    out[pc] = { ...i, code: (i.code & 0x1f) | (mode === 0x60 ? 0x20 : 0x40) };
    done.push(pc);
  }
  return { insns: out, pcs: done };
}
