/**
 * What the counterexample search runs inputs on: the program loaded into a simulated kernel
 * WITHOUT the verifier (the checked mode: every access is region-checked, an access outside any
 * mapped region is the simulated oops), one input per run on the reference interpreter with its
 * register trace.
 *
 *  - packet programs (xdp, tc, socket filter, cgroup_skb): the input is the frame; seeds are the
 *    first packet of each kind and destination port of the default traffic scenario ('mixed');
 *  - tracing programs (kprobe, tracepoint, raw_tracepoint, perf_event, fentry/fexit, lsm): the
 *    input is the context bytes (pt_regs, the tracepoint record, the u64 argument array) followed
 *    by KMEM_SLOTS 8-byte values that the run's probe reads return (bpf_probe_read_kernel/_user
 *    and BTF pointer loads: the n-th distinct address read gets slot n, whatever the address);
 *    the seed is all zeros (a task `cat`, pid 1234).
 *
 * `runOnce` gives everything a replay shows (verdict, steps, oops, the step trace and r0..r10
 * before the first instruction); `subjectFor` wraps it for cexSearch.ts.
 * Does not: choose inputs (cexSearch.ts), parse the rejection (cexWalk.ts). Own code.
 */
import { createKernel, createObjectMaps, type Kernel, type LoadedProgram } from '../kernel/run/index.ts';
import type { PacketRunner } from '../kernel/run/kernel.ts';
import { createTracingRunner, type TracingRunner } from '../kernel/run/tracing.ts';
import { MAX_BPF_FUNC_ARGS, PERF_EVENT_DATA, PT_REGS_X86_64 } from '../kernel/progtypes/ctx.ts';
import { MAX_BPF_STACK } from '../isa/opcodes.ts';
import { buildPacket, createScenario } from '../sim/index.ts';
import type { TraceStep } from '../vm/index.ts';
import type { Prepared } from './prepare.ts';
import { walkTrace, type Rejection, type WalkResult } from './cexWalk.ts';
import type { Candidate, ProbeOutcome, Subject } from './cexSearch.ts';

type Prog = NonNullable<Prepared['prog']>;

/** Instructions one candidate run may execute. */
export const RUN_BUDGET = 100_000;
/** Scenario packets looked at for distinct kinds. */
const SEED_PACKETS = 400;

export const PACKET_TYPES = new Set(['xdp', 'sched_cls', 'sched_act', 'socket_filter', 'cgroup_skb']);
/** Context sizes of the tracing types searched (a classic tracepoint's record: 64 bytes looked at). */
const CTX_SIZES: Record<string, number> = {
  kprobe: PT_REGS_X86_64.size,
  perf_event: PERF_EVENT_DATA.size,
  raw_tracepoint: MAX_BPF_FUNC_ARGS * 8,
  tracing: MAX_BPF_FUNC_ARGS * 8,
  lsm: MAX_BPF_FUNC_ARGS * 8,
  tracepoint: 64,
};
export const CTX_TYPES = new Set(Object.keys(CTX_SIZES));
/** Tracing programs: the values probe reads return come from the input, 8 bytes per distinct address read. */
export const KMEM_SLOTS = 16;
export const SLOT_BYTES = 8;
/** A kernel-looking address tried for 8-byte context fields (unmapped in the VM: probe reads go to the input's slots). */
export const KERNEL_PTR = 0xffff888100001000n;

/** A value a probe read returned (tracing programs): which slot of the input served it. */
export interface ProbeSlot {
  slot: number;
  addr: bigint;
  len: number;
  space: 'kernel' | 'user';
}

export interface OneRun {
  verdict: string;
  retval?: number;
  /** Tracing programs: the probe reads of the run, in the order their addresses were first read. */
  probes?: ProbeSlot[];
  steps: number;
  oops?: { kind: string; pc: number; message: string };
  trace: TraceStep[];
  initialRegs: bigint[];
  walk: WalkResult;
}

export interface Loaded {
  input: 'packet' | 'ctx';
  /** Tracing programs: the context's size (the input is the context, then KMEM_SLOTS probe-read values). */
  ctxSize?: number;
  run(bytes: Uint8Array): OneRun | string;
  free(): void;
}

/** The verdict of a run that oopsed. */
export const NO_VERDICT = 'none (the kernel oopsed)';

/** The current task's task_struct address in these runs (bpf_get_current_task). */
export const TASK_ADDR = 0xffff888104a80000n;
const TASK = { comm: 'cat', pid: 1234, tgid: 1234, uid: 1000, gid: 1000, taskAddr: TASK_ADDR, cgroupId: 1n };

/** Load `p` without the verifier into a fresh kernel, ready to run inputs for `rej`. */
export function loadUnverified(p: Prog, rej: Rejection): Loaded | string {
  const kernel: Kernel = createKernel({ seed: 1, cpus: 2 });
  const made = createObjectMaps(kernel, p.object);
  if (made) return made;
  const l = kernel.load(p.insns, { type: p.type, relocs: p.relocs, name: p.name, verified: false });
  if (!l.ok) return `load: ${l.message}`;
  const prog: LoadedProgram = l.prog;
  const stack = kernel.memory.stack(0, MAX_BPF_STACK);
  const fp = stack.base + BigInt(stack.size);
  if (PACKET_TYPES.has(p.type)) {
    const runner: PacketRunner | { error: string } = kernel.packetRunner(prog, { engine: 'ref', budget: RUN_BUDGET });
    if ('error' in runner) return runner.error;
    return {
      input: 'packet',
      run(frame) {
        kernel.tracePackets = true;
        try {
          const run = runner.run(frame);
          const pk = run.packet.packet;
          const initialRegs = new Array<bigint>(11).fill(0n);
          initialRegs[1] = run.packet.ctx.base;
          initialRegs[10] = fp;
          const trace = run.trace ?? [];
          const walk = walkTrace({
            insns: prog.insns, trace, initialRegs, input: { base: pk.data, len: Number(pk.dataEnd - pk.data) },
            packet: { data: pk.data, dataEnd: pk.dataEnd }, rejection: rej,
          });
          return {
            // an oops has no verdict: r0 is whatever it held when the program faulted
            verdict: run.error ? `test run refused: ${run.error.message}` : run.oops ? NO_VERDICT : (run.retvalName ?? String(run.retval)),
            steps: run.steps, trace, initialRegs, walk, ...(run.oops || run.error ? {} : { retval: run.retval }),
            ...(run.oops ? { oops: { kind: run.oops.kind, pc: run.oops.pc, message: run.oops.message } } : {}),
          };
        } finally {
          kernel.tracePackets = false;
        }
      },
      free: () => runner.free(),
    };
  }
  if (CTX_TYPES.has(p.type)) {
    const ctxSize = CTX_SIZES[p.type];
    // probe reads (bpf_probe_read_kernel/_user, BTF pointer loads) of any address the program asks for
    // return the input's next slot: the "kernel memory" of the event is part of the counterexample
    let kmem = new Uint8Array(KMEM_SLOTS * SLOT_BYTES);
    let probes: ProbeSlot[] = [];
    const read = (space: 'kernel' | 'user', addr: bigint, len: number): Uint8Array | undefined => {
      let p = probes.find((x) => x.addr === addr && x.space === space);
      if (!p) {
        if (probes.length >= KMEM_SLOTS) return undefined;
        p = { slot: probes.length, addr, len, space };
        probes.push(p);
      }
      const out = new Uint8Array(len);
      out.set(kmem.subarray(p.slot * SLOT_BYTES, p.slot * SLOT_BYTES + Math.min(len, SLOT_BYTES)));
      return out;
    };
    const host = { readUser: (_pid: number, a: bigint, n: number) => read('user', a, n), readKernel: (a: bigint, n: number) => read('kernel', a, n), sendSignal: () => -1 };
    const tr: TracingRunner = createTracingRunner(kernel, host, { seed: 1, engine: 'ref', budget: RUN_BUDGET });
    return {
      input: 'ctx',
      ctxSize,
      run(input) {
        const ctx = new Uint8Array(ctxSize);
        ctx.set(input.subarray(0, ctxSize));
        kmem = new Uint8Array(KMEM_SLOTS * SLOT_BYTES);
        kmem.set(input.subarray(ctxSize, ctxSize + kmem.length));
        probes = [];
        const out = tr.run(prog, { ctx, task: TASK, cpu: 0, tsNs: 1_000_000_000n, bootNs: 1_000_000_000n }, { trace: true, budget: RUN_BUDGET });
        const initialRegs = new Array<bigint>(11).fill(0n);
        initialRegs[1] = out.ctxAddr ?? 0n;
        initialRegs[10] = fp;
        const trace = out.trace ?? [];
        const walk = walkTrace({ insns: prog.insns, trace, initialRegs, input: { base: initialRegs[1], len: ctx.length }, rejection: rej });
        // the probe-read values are input bytes too (searched first: reversed, they come nearest the pc)
        for (const p of probes) walk.reads.push({ off: ctxSize + p.slot * SLOT_BYTES, size: [1, 2, 4, 8].includes(p.len) ? p.len : SLOT_BYTES });
        return {
          probes: probes.slice(),
          verdict: out.oops ? NO_VERDICT : `r0 = ${BigInt.asIntN(64, out.r0)}`, steps: out.steps, trace, initialRegs, walk,
          ...(out.oops ? {} : { retval: Number(out.r0 & 0xffffffffn) }),
          ...(out.oops ? { oops: { kind: out.oops.kind, pc: out.oops.pc, message: out.oops.message } } : {}),
        };
      },
      free: () => undefined,
    };
  }
  return `no counterexample search for ${p.type} programs`;
}

/** The search's view of a loaded program. */
export function subjectFor(l: Loaded, pc: number): Subject {
  return {
    truncatable: l.input === 'packet',
    minLen: l.input === 'packet' ? 14 : 0,
    bothOrders: l.input === 'packet',
    probe(bytes): ProbeOutcome | string {
      const r = l.run(bytes);
      if (typeof r === 'string') return r;
      return { walk: r.walk, oopsAtPc: r.oops !== undefined && r.oops.pc === pc };
    },
  };
}

/** Seeds: the default scenario's first packet of each kind (UDP to 5001 first), or a context of zeros. */
export function seedsFor(p: Prog): Candidate[] {
  if (!PACKET_TYPES.has(p.type)) {
    const bytes = new Uint8Array((CTX_SIZES[p.type] ?? 64) + KMEM_SLOTS * SLOT_BYTES);
    const what = p.type === 'kprobe' ? 'pt_regs' : p.type === 'perf_event' ? 'bpf_perf_event_data' : p.type === 'tracepoint' ? 'tracepoint record' : 'argument array';
    return [{ kind: `${what} of zeros`, bytes, seed: bytes, changes: [] }];
  }
  const sc = createScenario('mixed', { seed: 1, count: SEED_PACKETS }).value;
  if (!sc) return [];
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const it of sc.intents()) {
    const l4 = it.spec.udp ?? it.spec.tcp;
    const kind = l4 ? `${it.kind} → port ${l4.dport}` : it.kind;
    if (seen.has(kind)) continue;
    seen.add(kind);
    const bytes = (it.build ? it.build(it.spec) : buildPacket(it.spec)).slice();
    out.push({ kind, bytes, seed: bytes, changes: [] });
  }
  // UDP to 5001 first: the playground's examples filter on it
  return out.sort((a, b) => Number(/udp4 → port 5001/.test(b.kind)) - Number(/udp4 → port 5001/.test(a.kind)));
}
