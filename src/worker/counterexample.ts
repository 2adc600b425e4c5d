/**
 * Counterexamples for rejected packet accesses: when the verifier refuses an XDP / tc / socket
 * filter program with `invalid access to packet, off=… size=…`, find a concrete packet that makes
 * the rejected instruction touch bytes outside [data, data_end) when the program runs without the
 * verifier, and replay it.
 *
 * How: candidate packets are the first packet of each kind (and destination port) the default
 * traffic scenario (src/sim/nic, 'mixed') sends, then each of them truncated to every length from
 * full down to 14 bytes. Each runs once on the reference interpreter with its register trace, in a
 * kernel that loaded the program unverified (the checked mode). The first run that oopses at the
 * rejected pc, or whose access at that pc lies (partly) outside the packet, is the counterexample.
 * The address comes from replaying the trace's register writes (a packet pointer is always
 * derived by the program, never an initial register). The search is bounded (MAX_RUNS runs,
 * MAX_MS of wall time) and says how many packets it tried when it finds nothing.
 *
 * Faithfulness note: an XDP frame sits in a 4 KiB page with tailroom, so a short over-read past
 * data_end does not fault on a real kernel either: it reads whatever lies after the packet. The
 * replay reports exactly that (the address, how far past data_end, the value read) and the
 * simulated oops when there is one.
 *
 * Deliberately not here: tweaking header fields to reach a failing path the scenario's packets do
 * not take (the search alone), programs that are not packet programs, accesses through helpers.
 * Own code.
 */
import { createKernel, createObjectMaps, type Kernel, type LoadedProgram } from '../kernel/run/index.ts';
import { hexOf, type PacketRunner } from '../kernel/run/kernel.ts';
import { MAX_BPF_STACK } from '../isa/opcodes.ts';
import { buildPacket, createScenario, dissect } from '../sim/index.ts';
import type { TraceStep } from '../vm/index.ts';
import { prepare, verifyPrepared, type Prepared } from './prepare.ts';
import type { Counterexample, CounterexampleOutcome, CounterexampleReplay, CounterexampleRequest, VerifierSummary } from './protocol.ts';

export const MAX_RUNS = 2000;
export const MAX_MS = 300;
/** Instructions one candidate run may execute. */
export const RUN_BUDGET = 100_000;
/** Scenario packets looked at for distinct kinds. */
const SEED_PACKETS = 400;

const PACKET_TYPES = new Set(['xdp', 'sched_cls', 'sched_act', 'socket_filter', 'cgroup_skb']);
const PACKET_ACCESS = /invalid access to packet, off=(-?\d+) size=(\d+)/;

type Prog = NonNullable<Prepared['prog']>;

/** The `off` and `size` of a packet-access rejection, or undefined for any other complaint. */
export function packetAccessError(error: string | null | undefined): { off: number; size: number } | undefined {
  const m = error ? PACKET_ACCESS.exec(error) : null;
  return m ? { off: Number(m[1]), size: Number(m[2]) } : undefined;
}

/** Whether a counterexample search applies to this verdict (a rejected packet program, a packet access, a known pc). */
export function counterexampleApplies(type: string, v: VerifierSummary | undefined): boolean {
  return !!v && !v.accepted && v.errorPc !== undefined && PACKET_TYPES.has(type) && packetAccessError(v.error) !== undefined;
}

export type SearchResult =
  | { found: Counterexample; tried: number; ms: number }
  | { found?: undefined; tried: number; ms: number; message: string };

interface Candidate {
  kind: string;
  bytes: Uint8Array;
}

/** The first packet of each kind and destination port of the default scenario. */
function seeds(): Candidate[] {
  const sc = createScenario('mixed', { seed: 1, count: SEED_PACKETS }).value;
  if (!sc) return [];
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const it of sc.intents()) {
    const l4 = it.spec.udp ?? it.spec.tcp;
    const kind = l4 ? `${it.kind} → port ${l4.dport}` : it.kind;
    if (seen.has(kind)) continue;
    seen.add(kind);
    out.push({ kind, bytes: (it.build ? it.build(it.spec) : buildPacket(it.spec)).slice() });
  }
  // UDP to 5001 first: the playground's examples filter on it
  return out.sort((a, b) => Number(/udp4 → port 5001/.test(b.kind)) - Number(/udp4 → port 5001/.test(a.kind)));
}

interface Loaded {
  kernel: Kernel;
  prog: LoadedProgram;
  runner: PacketRunner;
}

function loadUnverified(p: Prog): Loaded | string {
  const kernel = createKernel({ seed: 1, cpus: 2 });
  const made = createObjectMaps(kernel, p.object);
  if (made) return made;
  const l = kernel.load(p.insns, { type: p.type, relocs: p.relocs, name: p.name, verified: false });
  if (!l.ok) return `load: ${l.message}`;
  const runner = kernel.packetRunner(l.prog, { engine: 'ref', budget: RUN_BUDGET });
  return 'error' in runner ? runner.error : { kernel, prog: l.prog, runner };
}

const SIZES = [4, 2, 1, 8];

/** The memory access an instruction makes: pointer register, offset, size; undefined when it makes none. */
function accessOf(code: number, dst: number, src: number, off: number): { reg: number; off: number; size: number; store: boolean } | undefined {
  const cls = code & 7;
  const mode = code & 0xe0;
  const size = SIZES[(code >> 3) & 3];
  if (cls === 1 && (mode === 0x60 || mode === 0x80 || mode === 0x20)) return mode === 0x20 ? undefined : { reg: src, off, size, store: false };
  if ((cls === 2 || cls === 3) && (mode === 0x60 || mode === 0xc0)) return { reg: dst, off, size, store: true };
  return undefined;
}

interface Probe {
  outcome: CounterexampleReplay;
  /** The run touched bytes outside the packet at `pc`, or oopsed there. */
  hit: boolean;
}

/** Run one packet traced and look at the instruction at `pc`. */
function probe(l: Loaded, frame: Uint8Array, pc: number): Probe | string {
  l.kernel.tracePackets = true;
  try {
    const run = l.runner.run(frame);
    const insn = l.prog.insns[pc];
    const acc = insn ? accessOf(insn.code, insn.dst, insn.src, insn.off) : undefined;
    const pk = run.packet.packet;
    const outcome: CounterexampleReplay = {
      verdict: run.error ? `test run refused: ${run.error.message}` : (run.retvalName ?? String(run.retval)),
      steps: run.steps,
      reachedPc: false,
      packetLen: frame.length,
    };
    if (run.oops) outcome.oops = { kind: run.oops.kind, pc: run.oops.pc, message: run.oops.message };
    let hit = run.oops !== undefined && run.oops.pc === pc;
    if (acc && run.trace) {
      const regs = new Array<bigint | undefined>(11).fill(undefined);
      regs[1] = run.packet.ctx.base;
      const stack = l.kernel.memory.stack(0, MAX_BPF_STACK);
      regs[10] = stack.base + BigInt(stack.size);
      for (const s of run.trace as TraceStep[]) {
        if (s.frame === 0 && !s.prog && s.pc === pc) {
          outcome.reachedPc = true;
          const base = regs[acc.reg];
          if (base !== undefined) {
            const addr = BigInt.asUintN(64, base + BigInt(acc.off));
            const lo = addr - pk.data;
            const hi = addr + BigInt(acc.size) - pk.dataEnd;
            if (lo < 0n || hi > 0n) {
              const value = acc.store ? undefined : s.regs.find(([r]) => r === insn!.dst)?.[1];
              outcome.access = {
                store: acc.store, size: acc.size, offset: Number(lo), packetLen: Number(pk.dataEnd - pk.data),
                beyond: hi > 0n ? Number(hi) : 0, before: lo < 0n ? Number(-lo) : 0,
                ...(value !== undefined ? { value: `0x${value.toString(16).padStart(acc.size * 2, '0')}` } : {}),
              };
              hit = true;
            }
          }
          break;
        }
        if (s.frame === 0 && !s.prog) for (const [r, v] of s.regs) if (r <= 10) regs[r] = v;
      }
    }
    if (run.oops && run.oops.pc === pc) outcome.reachedPc = true;
    return { outcome, hit };
  } finally {
    l.kernel.tracePackets = false;
  }
}

function describe(bytes: Uint8Array): string {
  const d = dissect(bytes);
  return d.layers.map((l) => `${l.title}`).join('\n') + (d.truncated ? `\n(${d.truncated.message})` : '');
}

/**
 * Search a packet that makes the rejected access go outside the packet. Call only when
 * `counterexampleApplies`; returns a message otherwise.
 */
export function findCounterexample(p: Prog, v: VerifierSummary, opts: { maxRuns?: number; maxMs?: number } = {}): SearchResult {
  const t0 = performance.now();
  const maxRuns = opts.maxRuns ?? MAX_RUNS;
  const maxMs = opts.maxMs ?? MAX_MS;
  const ms = () => performance.now() - t0;
  if (!counterexampleApplies(p.type, v)) return { tried: 0, ms: ms(), message: 'no counterexample: the rejection is not a packet access of a packet program' };
  const pc = v.errorPc!;
  const l = loadUnverified(p);
  if (typeof l === 'string') return { tried: 0, ms: ms(), message: `no counterexample: ${l}` };
  try {
    return search(p, l, pc, maxRuns, maxMs, t0);
  } finally {
    l.runner.free();
  }
}

function search(p: Prog, l: Loaded, pc: number, maxRuns: number, maxMs: number, t0: number): SearchResult {
  const ms = () => performance.now() - t0;
  let tried = 0;
  for (const c of seeds()) {
    for (let len = c.bytes.length; len >= 14; len--) {
      if (tried >= maxRuns || ms() > maxMs) {
        return { tried, ms: ms(), message: `no counterexample among ${tried} packets tried (stopped at the bound: ${maxRuns} runs or ${maxMs} ms)` };
      }
      const frame = c.bytes.slice(0, len);
      tried++;
      const r = probe(l, frame, pc);
      if (typeof r === 'string') return { tried, ms: ms(), message: `no counterexample: ${r}` };
      if (!r.hit) continue;
      const at = p.lineOf(pc);
      return {
        tried, ms: ms(),
        found: {
          pc, kind: c.kind, fullLength: c.bytes.length, hex: hexOf(frame), summary: dissect(frame).summary, dissection: describe(frame),
          ...(at ? { line: at.line, col: at.col } : {}), run: r.outcome,
        },
      };
    }
  }
  return { tried, ms: ms(), message: `no counterexample among ${tried} packets tried` };
}

/** Run exactly `hex` through the program loaded without the verifier and report what happened at `pc`. */
export function replayCounterexample(p: Prog, hex: string, pc: number): CounterexampleReplay | string {
  const clean = hex.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean) || clean.length < 28) return 'the packet must be hex bytes, at least 14 of them (an Ethernet header)';
  const frame = new Uint8Array(clean.length / 2);
  for (let i = 0; i < frame.length; i++) frame[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  const l = loadUnverified(p);
  if (typeof l === 'string') return l;
  try {
    const r = probe(l, frame, pc);
    return typeof r === 'string' ? r : r.outcome;
  } finally {
    l.runner.free();
  }
}

/** The worker's `counterexample` request: compile, verify, then search (or replay `replayHex`). Never throws for bad input. */
export function counterexampleFor(req: CounterexampleRequest, bounds: { maxRuns?: number; maxMs?: number } = {}): CounterexampleOutcome {
  const t0 = performance.now();
  const p = prepare({ source: req.source, file: req.file, progType: req.progType });
  const none = (message: string): CounterexampleOutcome => ({ applies: false, message, tried: 0, ms: performance.now() - t0 });
  if (!p.prog) return none('the program does not compile');
  const v = verifyPrepared(p.prog, { states: false }).verifier;
  if (!counterexampleApplies(p.prog.type, v)) return none(v.accepted ? 'the verifier accepts the program' : 'the rejection is not a packet access of a packet program');
  if (req.replayHex !== undefined) {
    const r = replayCounterexample(p.prog, req.replayHex, v.errorPc!);
    return { applies: true, tried: 1, ms: performance.now() - t0, ...(typeof r === 'string' ? { replayError: r } : { replay: r }) };
  }
  const s = findCounterexample(p.prog, v, bounds);
  return s.found ? { applies: true, found: s.found, tried: s.tried, ms: s.ms } : { applies: true, message: s.message, tried: s.tried, ms: s.ms };
}
