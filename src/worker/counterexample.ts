/**
 * Counterexamples for rejected memory accesses (issue #7): when the verifier refuses a program for
 * an access it cannot prove in bounds — `invalid access to packet, off=… size=…` in a packet
 * program, or a map value access (`invalid access to map value, value_size=…`, `R… min value is
 * negative`, `R… unbounded memory access`, `R… max value is outside of the allowed memory range`)
 * in a packet or tracing program — find a concrete input (a packet, or a tracing program's
 * context) that makes the rejected instruction touch memory outside its object when the program
 * runs without the verifier, and replay it (with its step trace, for the Trace pane).
 *
 * The search (cexSearch.ts) starts from seeds (the default scenario's packets; a context of
 * zeros), cuts packets short, and sets the header / context fields the program loaded on its way
 * to the rejected pc to boundary values guided by the verifier's state on the failing path
 * (cexWalk.ts reads the log's bounds and jump constants). Each try is one traced run on the
 * reference interpreter in a kernel that loaded the program unverified (cexSubjects.ts). It is
 * bounded (MAX_RUNS runs, MAX_MS of worker time in one go) and, for the page, sliced: a request
 * with `sliceMs` runs about that long and answers `more` until the search ends (SLICED_MS of
 * worker time in all); a `resume` request continues it; any other request for another program
 * drops it. So the worker is never held longer than a slice, and typing (a new verdict) cancels
 * the search: the page stops resuming it.
 *
 * Faithfulness note: an XDP frame sits in a 4 KiB page with tailroom, so a short over-read past
 * data_end does not fault on a real kernel either: it reads whatever lies after the packet. The
 * replay reports exactly that (the address, how far past data_end, the value read) and the
 * simulated oops when there is one. A map value read past its end lands in the next element or,
 * past the map's memory, in the simulated oops.
 *
 * Tracing programs' probe reads are input too: the n-th distinct address a run reads with
 * bpf_probe_read_kernel/_user (or a BTF pointer load) returns the input's n-th 8-byte slot after
 * the context, so "the task's prio read as 0xffffffff" is part of a counterexample.
 *
 * Deliberately not here: accesses through helpers; stack accesses; naming the kernel field a probe
 * read hit beyond "current task + offset". Own code.
 */
import { hexOf } from '../kernel/run/kernel.ts';
import { fieldAt, PERF_EVENT_DATA, PT_REGS_X86_64, type CtxStruct } from '../kernel/progtypes/ctx.ts';
import { dissect } from '../sim/index.ts';
import { prepare, verifyPrepared, type Prepared } from './prepare.ts';
import { parseRejection, type Rejection } from './cexWalk.ts';
import { searchInputs, type Candidate, type Hit } from './cexSearch.ts';
import { CTX_TYPES, KERNEL_PTR, loadUnverified, PACKET_TYPES, seedsFor, SLOT_BYTES, subjectFor, TASK_ADDR, type Loaded, type OneRun, type ProbeSlot } from './cexSubjects.ts';
import type { Counterexample, CounterexampleOutcome, CounterexampleReplay, CounterexampleRequest, VerifierSummary } from './protocol.ts';

export { packetAccessError } from './cexWalk.ts';
export { RUN_BUDGET } from './cexSubjects.ts';

export const MAX_RUNS = 4000;
/** Worker time one unsliced search may take. */
export const MAX_MS = 300;
/** Worker time a sliced search may take in all (the page's). */
export const SLICED_MS = 2000;
/** Steps of a replay's trace sent to the page. */
export const REPLAY_TRACE_LIMIT = 10_000;

type Prog = NonNullable<Prepared['prog']>;

/** What the rejection is about when a counterexample search applies to it, else undefined. */
export function rejectionOf(type: string, v: VerifierSummary | undefined): Rejection | undefined {
  if (!v || v.accepted) return undefined;
  const r = parseRejection(v.error, v.log, v.errorPc);
  if (!r) return undefined;
  if (r.kind === 'packet') return PACKET_TYPES.has(type) ? r : undefined;
  return PACKET_TYPES.has(type) || CTX_TYPES.has(type) ? r : undefined;
}

/** Whether a counterexample search applies to this verdict. */
export function counterexampleApplies(type: string, v: VerifierSummary | undefined): boolean {
  return rejectionOf(type, v) !== undefined;
}

export type SearchResult =
  | { found: Counterexample; tried: number; ms: number }
  | { found?: undefined; tried: number; ms: number; message: string };

const hexToBytes = (hex: string): Uint8Array => {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
};

function ctxStruct(type: string): CtxStruct | undefined {
  return type === 'kprobe' ? PT_REGS_X86_64 : type === 'perf_event' ? PERF_EVENT_DATA : undefined;
}

function ctxFieldName(type: string, off: number): string {
  const s = ctxStruct(type);
  const f = s ? fieldAt(s, off) : undefined;
  if (f) return f.field.count > 1 ? `${f.field.name}[${f.index}]` : f.field.name;
  if (type === 'raw_tracepoint' || type === 'tracing' || type === 'lsm') return `args[${Math.floor(off / 8)}]`;
  return `ctx+${off}`;
}

const u64le = (b: Uint8Array, off: number, size: number): bigint => {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[off + i] ?? 0);
  return v;
};

/** task_struct's size is about 10 KiB on 6.18 x86-64: an address this close after the current task's is one of its fields. */
const TASK_STRUCT_SPAN = 0x3000n;

const probeName = (p: ProbeSlot): string => {
  const inTask = p.space === 'kernel' && p.addr >= TASK_ADDR && p.addr < TASK_ADDR + TASK_STRUCT_SPAN;
  return `probe read of ${p.space} memory at 0x${p.addr.toString(16)}${inTask ? ` (current task + 0x${(p.addr - TASK_ADDR).toString(16)})` : ''}`;
};

/** The fields the search changed, named (dissector field names for packets, context field names, probe reads). */
function changesOf(type: string, c: Candidate, ctxSize = 0, probes: readonly ProbeSlot[] = []): { name: string; from: string; to: string }[] {
  const out: { name: string; from: string; to: string }[] = [];
  const seen = new Set<string>();
  if (PACKET_TYPES.has(type)) {
    const before = dissect(c.seed).layers.flatMap((l) => l.fields);
    const after = dissect(c.bytes).layers.flatMap((l) => l.fields);
    const raw = (b: Uint8Array, off: number, size: number) => [...b.slice(off, off + size)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
    for (const ch of c.changes) {
      // the fields over the changed bytes whose value changed (IHL, not the version sharing its byte)
      const over = after.filter((f) => f.start < ch.off + ch.size && f.end > ch.off);
      const changed = over
        .map((f) => ({ f, old: before.find((g) => g.name === f.name && g.start === f.start) }))
        .filter(({ f, old }) => !old || old.display !== f.display);
      if (changed.length === 0) {
        const name = `bytes ${ch.off}..${ch.off + ch.size - 1}`;
        if (!seen.has(name)) out.push({ name, from: raw(c.seed, ch.off, ch.size), to: raw(c.bytes, ch.off, ch.size) });
        seen.add(name);
      }
      for (const { f, old } of changed) {
        if (seen.has(f.name)) continue;
        seen.add(f.name);
        out.push({ name: f.name, from: old?.display ?? raw(c.seed, f.start, f.end - f.start), to: f.display });
      }
    }
    return out;
  }
  for (const ch of c.changes) {
    if (ch.off >= ctxSize) {
      const slot = Math.floor((ch.off - ctxSize) / SLOT_BYTES);
      const p = probes.find((x) => x.slot === slot);
      const name = p ? probeName(p) : `probe read #${slot + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      const size = Math.min(p?.len ?? SLOT_BYTES, SLOT_BYTES);
      const at = ctxSize + slot * SLOT_BYTES;
      out.push({ name, from: `0x${u64le(c.seed, at, size).toString(16)}`, to: `0x${u64le(c.bytes, at, size).toString(16)}` });
      continue;
    }
    const name = ctxFieldName(type, ch.off);
    if (seen.has(name)) continue;
    seen.add(name);
    const s = ctxStruct(type);
    const f = s ? fieldAt(s, ch.off) : undefined;
    const off = f ? f.field.off + f.index * f.field.size : ch.off;
    const size = f ? f.field.size : ch.size;
    out.push({ name, from: `0x${u64le(c.seed, off, size).toString(16)}`, to: `0x${u64le(c.bytes, off, size).toString(16)}` });
  }
  return out;
}

function ctxDescription(type: string, bytes: Uint8Array, ctxSize: number, probes: readonly ProbeSlot[]): string {
  const s = ctxStruct(type);
  const rows: string[] = [];
  for (let off = 0; off + 8 <= ctxSize; off += 8) {
    const v = u64le(bytes, off, 8);
    if (v !== 0n) rows.push(`${ctxFieldName(type, off)} = 0x${v.toString(16)} (${BigInt.asIntN(64, v)})`);
  }
  const head = `${s ? `struct ${s.name}` : 'context'} (${ctxSize} bytes)${rows.length ? `, non-zero fields:\n${rows.join('\n')}` : ', all zero'}`;
  const reads = probes.map((p) => {
    const size = Math.min(p.len, SLOT_BYTES);
    return `${probeName(p)} (${p.len} byte${p.len === 1 ? '' : 's'}) returned 0x${u64le(bytes, ctxSize + p.slot * SLOT_BYTES, size).toString(16)}`;
  });
  return reads.length ? `${head}\n${reads.join('\n')}` : head;
}

/** The replay a run gives, as the page shows it. */
function replayOf(r: OneRun, len: number, pc: number): CounterexampleReplay {
  const out: CounterexampleReplay = {
    verdict: r.verdict, ...(r.retval !== undefined ? { retval: r.retval } : {}), steps: r.steps, reachedPc: r.walk.reachedPc || r.oops?.pc === pc, packetLen: len,
  };
  if (r.oops) out.oops = r.oops;
  const at = r.walk.at;
  if (at && at.outside) {
    const beyond = at.offset + at.size - at.objectLen;
    out.access = {
      store: at.store, size: at.size, offset: at.offset, packetLen: at.objectLen, beyond: beyond > 0 ? beyond : 0, before: at.offset < 0 ? -at.offset : 0,
      ...(at.value !== undefined ? { value: `0x${at.value.toString(16).padStart(at.size * 2, '0')}` } : {}),
      ...(at.object !== 'packet' ? { object: at.object } : {}),
      ...(at.pointer ? { pointer: true } : {}),
    };
  }
  return out;
}

function foundOf(p: Prog, pc: number, l: Loaded, hit: Hit): Counterexample {
  let c = hit.candidate;
  if (l.ctxSize !== undefined) {
    // the probe-read slots past the last non-zero one are left out (a replay reads missing slots as zeros)
    let end = c.bytes.length;
    while (end > l.ctxSize && c.bytes[end - 1] === 0) end--;
    end = l.ctxSize + Math.ceil((end - l.ctxSize) / SLOT_BYTES) * SLOT_BYTES;
    c = { ...c, bytes: c.bytes.slice(0, end), seed: c.seed.slice(0, end) };
  }
  const r = l.run(c.bytes);
  const run = typeof r === 'string' ? { verdict: r, steps: 0, reachedPc: false, packetLen: c.bytes.length } : replayOf(r, c.bytes.length, pc);
  const at = p.lineOf(pc);
  const probes = typeof r === 'string' ? [] : (r.probes ?? []);
  const ctxSize = l.ctxSize ?? 0;
  const changes = changesOf(p.type, c, ctxSize, probes);
  const isPacket = l.input === 'packet';
  const d = isPacket ? dissect(c.bytes) : undefined;
  return {
    pc, kind: c.kind, fullLength: c.seed.length, hex: hexOf(c.bytes),
    summary: d ? d.summary : `${ctxStruct(p.type)?.name ?? 'context'}: ${changes.map((x) => `${x.name} = ${x.to}`).join(', ') || 'all zero'}`,
    dissection: d ? d.layers.map((x) => x.title).join('\n') + (d.truncated ? `\n(${d.truncated.message})` : '') : ctxDescription(p.type, c.bytes, ctxSize, probes),
    ...(at ? { line: at.line, col: at.col } : {}), run,
    ...(isPacket ? {} : { input: 'ctx' as const }),
    ...(changes.length ? { changes } : {}),
  };
}

/** Smallest frame an XDP or tc program sees (BPF_PROG_TEST_RUN refuses shorter ones): an Ethernet header. */
const ETH_HLEN = 14;

/**
 * A fixed-offset packet access inside the Ethernet header (`eth->h_proto` unchecked): no frame is
 * that short, so no input breaks it — yet the verifier still wants the check. Says so, or undefined.
 */
export function insideEveryFrame(type: string, error: string | null | undefined): string | undefined {
  if (type !== 'xdp' && type !== 'sched_cls' && type !== 'sched_act') return undefined;
  const m = error ? /invalid access to packet, off=(-?\d+) size=(\d+), R\d+\(id=0,/.exec(error) : null;
  if (!m) return undefined;
  const off = Number(m[1]), size = Number(m[2]);
  if (off < 0 || off + size > ETH_HLEN) return undefined;
  return `no counterexample: bytes ${off}..${off + size - 1} lie in every frame (at least the ${ETH_HLEN}-byte Ethernet header); the verifier assumes no minimum length and wants the check all the same`;
}

/** A search under way: the generator, its kernel, and what it has spent. */
interface Pending {
  key: string;
  p: Prog;
  pc: number;
  l: Loaded;
  gen: Generator<number, Hit | string | undefined, void>;
  tried: number;
  ms: number;
  maxRuns: number;
  maxMs: number;
}

let pending: Pending | undefined;

function dropPending(): void {
  pending?.l.free();
  pending = undefined;
}

function start(key: string, p: Prog, rej: Rejection, maxRuns: number, maxMs: number): Pending | string {
  dropPending();
  const l = loadUnverified(p, rej);
  if (typeof l === 'string') return l;
  // tracing programs: a kernel-looking pointer for 8-byte context fields (the probe reads through it return input slots)
  const gen = searchInputs(subjectFor(l, rej.pc), seedsFor(p), l.input === 'ctx' ? [...rej.guide, KERNEL_PTR] : rej.guide);
  return { key, p, pc: rej.pc, l, gen, tried: 0, ms: 0, maxRuns, maxMs };
}

/** Run `s` for up to `sliceMs`; a result when it ended, undefined when there is more to do. */
function step(s: Pending, sliceMs: number): SearchResult | undefined {
  const t0 = performance.now();
  const done = (r: SearchResult): SearchResult => {
    s.l.free();
    if (pending === s) pending = undefined;
    return r;
  };
  for (;;) {
    const spent = s.ms + (performance.now() - t0);
    if (s.tried >= s.maxRuns || spent > s.maxMs) {
      s.ms = spent;
      return done({ tried: s.tried, ms: s.ms, message: `no counterexample among ${s.tried} inputs tried (stopped at the bound: ${s.maxRuns} runs or ${s.maxMs} ms)` });
    }
    if (performance.now() - t0 > sliceMs) {
      s.ms = spent;
      return undefined;
    }
    const it = s.gen.next();
    if (!it.done) {
      s.tried = it.value;
      continue;
    }
    s.ms += performance.now() - t0;
    const r = it.value;
    if (typeof r === 'string') return done({ tried: s.tried, ms: s.ms, message: `no counterexample: ${r}` });
    if (!r) return done({ tried: s.tried, ms: s.ms, message: `no counterexample among ${s.tried} inputs tried` });
    return done({ tried: s.tried, ms: s.ms, found: foundOf(s.p, s.pc, s.l, r) });
  }
}

/**
 * Search an input that makes the rejected access go outside its object, in one go. Call only when
 * `counterexampleApplies`; returns a message otherwise.
 */
export function findCounterexample(p: Prog, v: VerifierSummary, opts: { maxRuns?: number; maxMs?: number } = {}): SearchResult {
  const rej = rejectionOf(p.type, v);
  if (!rej) return { tried: 0, ms: 0, message: 'no counterexample: the rejection is not a packet or map value access of a packet or tracing program' };
  const s = start('', p, rej, opts.maxRuns ?? MAX_RUNS, opts.maxMs ?? MAX_MS);
  if (typeof s === 'string') return { tried: 0, ms: 0, message: `no counterexample: ${s}` };
  return step(s, Infinity)!;
}

/** Run exactly `hex` through the program loaded without the verifier and report what happened at the rejected pc. */
export function replayCounterexample(p: Prog, hex: string, rej: Rejection): { replay: CounterexampleReplay; run: OneRun } | string {
  const clean = hex.replace(/\s+/g, '');
  const packet = PACKET_TYPES.has(p.type);
  if (!/^([0-9a-fA-F]{2})*$/.test(clean) || (packet ? clean.length < 28 : clean.length === 0)) {
    return packet ? 'the packet must be hex bytes, at least 14 of them (an Ethernet header)' : 'the context must be hex bytes';
  }
  const bytes = hexToBytes(clean);
  const l = loadUnverified(p, rej);
  if (typeof l === 'string') return l;
  try {
    const r = l.run(bytes);
    if (typeof r === 'string') return r;
    const replay = replayOf(r, bytes.length, rej.pc);
    return { replay, run: r };
  } finally {
    l.free();
  }
}

/**
 * The worker's `counterexample` request: compile, verify, then search (sliced with `sliceMs`,
 * continued with `resume`) or replay `replayHex`. Never throws for bad input.
 */
export function counterexampleFor(req: CounterexampleRequest, bounds: { maxRuns?: number; maxMs?: number } = {}): CounterexampleOutcome {
  const t0 = performance.now();
  const key = JSON.stringify([req.source, req.file, req.progType ?? '']);
  if (req.resume && req.replayHex === undefined) {
    if (pending && pending.key === key) {
      const s = pending;
      const r = step(s, req.sliceMs ?? Infinity);
      if (!r) return { applies: true, more: true, tried: s.tried, ms: s.ms };
      return r.found ? { applies: true, found: r.found, tried: r.tried, ms: r.ms } : { applies: true, message: r.message, tried: r.tried, ms: r.ms };
    }
    // nothing to resume (the worker restarted, or another search replaced it): start again below
  }
  const p = prepare({ source: req.source, file: req.file, progType: req.progType });
  const none = (message: string): CounterexampleOutcome => ({ applies: false, message, tried: 0, ms: performance.now() - t0 });
  if (!p.prog) return none('the program does not compile');
  const v = verifyPrepared(p.prog, { states: false }).verifier;
  const rej = rejectionOf(p.prog.type, v);
  if (!rej) return none(v.accepted ? 'the verifier accepts the program' : 'the rejection is not a packet or map value access of a packet or tracing program');
  const inHeader = insideEveryFrame(p.prog.type, v.error);
  if (inHeader && req.replayHex === undefined) return { applies: true, message: inHeader, tried: 0, ms: performance.now() - t0 };
  if (req.replayHex !== undefined) {
    const r = replayCounterexample(p.prog, req.replayHex, rej);
    const ms = performance.now() - t0;
    if (typeof r === 'string') return { applies: true, tried: 1, ms, replayError: r };
    return {
      applies: true, tried: 1, ms, replay: r.replay,
      ...(req.withTrace ? { trace: { steps: r.run.trace.slice(0, REPLAY_TRACE_LIMIT), initialRegs: r.run.initialRegs, truncated: r.run.trace.length > REPLAY_TRACE_LIMIT } } : {}),
    };
  }
  const sliced = req.sliceMs !== undefined;
  const s = start(key, p.prog, rej, bounds.maxRuns ?? MAX_RUNS, bounds.maxMs ?? (sliced ? SLICED_MS : MAX_MS));
  if (typeof s === 'string') return { applies: true, message: `no counterexample: ${s}`, tried: 0, ms: performance.now() - t0 };
  if (sliced) pending = s;
  const r = step(s, sliced ? Math.max(1, req.sliceMs! - (performance.now() - t0)) : Infinity);
  if (!r) return { applies: true, more: true, tried: s.tried, ms: s.ms };
  return r.found ? { applies: true, found: r.found, tried: r.tried, ms: r.ms } : { applies: true, message: r.message, tried: r.tried, ms: r.ms };
}
