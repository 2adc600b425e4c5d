/**
 * The counterexample search proper: given a way to run one input (a packet or a context) through
 * the program loaded without the verifier (`Subject`, cexSubjects.ts) and seed inputs, find one
 * whose run makes the rejected instruction touch memory outside its object (or oops there).
 *
 * Order of tries (each is one traced run on the reference interpreter):
 *  1. the seeds as they are;
 *  2. packets only: a run that reached the rejected access at data+o (size s) is cut to o+s-1
 *     bytes (then a few bytes shorter), so the access crosses data_end — the truncated packet;
 *  3. header fields: the input bytes the run loaded before reaching the rejected pc, nearest to it
 *     first, set to boundary values — 0, 1, all ones, 0x7f…, 0x80…, the nibbles of a byte (IHL,
 *     data offset), and the numbers of the verifier's state on the failing path (its umax/smax and
 *     the constants its jumps compared with, ±1), in both byte orders for packets. A mutant that
 *     newly reaches the pc, or moves the access further out, is searched again from (up to 3
 *     fields changed), reached-first.
 *  4. packets: the seeds cut to every length (the exhaustive fallback).
 * It is a generator that yields after every run, so the caller slices it (the worker answers other
 * requests between slices) and stops it on its run/time bounds.
 *
 * Deliberately not here: a solver over the verifier's constraints; inputs that are not bytes the
 * program loads directly (helper-read bytes, kernel memory read with bpf_probe_read). Own code.
 */
import type { InputRead, WalkResult } from './cexWalk.ts';

export interface Candidate {
  /** What it started as (`udp4 → port 5001`, `pt_regs of zeros`). */
  kind: string;
  bytes: Uint8Array;
  /** The seed's bytes and length before any change. */
  seed: Uint8Array;
  /** Fields changed from the seed (input offset, size, bytes as written). */
  changes: { off: number; size: number }[];
}

export interface ProbeOutcome {
  walk: WalkResult;
  /** The run oopsed at the rejected pc. */
  oopsAtPc: boolean;
}

export interface Subject {
  /** Packets can be cut; a context has a fixed size. */
  truncatable: boolean;
  /** Smallest input (14: an Ethernet header). */
  minLen: number;
  /** Multi-byte fields are tried in both byte orders (packets: network order). */
  bothOrders: boolean;
  probe(bytes: Uint8Array): ProbeOutcome | string;
}

export interface Hit {
  candidate: Candidate;
  probe: ProbeOutcome;
}

/** A candidate hits when its run oopsed at the pc or placed the access there outside the object. */
export const isHit = (p: ProbeOutcome): boolean => p.oopsAtPc || p.walk.at?.outside === true;

const MAX_DEPTH = 3;
const TRUNCATE_TRIES = 4;

function mask(size: number): bigint {
  return (1n << BigInt(size * 8)) - 1n;
}

/** Values to try for a field of `size` bytes whose current value is `cur` (as loaded, little-endian). */
export function fieldValues(size: number, cur: bigint, guide: readonly bigint[]): bigint[] {
  const m = mask(size);
  const sign = 1n << BigInt(size * 8 - 1);
  const vals: bigint[] = [];
  if (size === 1) {
    // one nibble at a time first: a 4-bit field (IHL, TCP data offset) changes alone
    const c = Number(cur);
    vals.push(BigInt(c | 0x0f), BigInt(c | 0xf0), BigInt(c & 0xf0), BigInt(c & 0x0f));
  }
  vals.push(0n, 1n, m, sign - 1n, sign);
  if (size === 1) vals.push(cur ^ 0x80n);
  for (const g of guide) for (const d of [0n, 1n, -1n]) {
    const v = g + d;
    if (v >= -sign && v <= m) vals.push(BigInt.asUintN(size * 8, v));
  }
  const out: bigint[] = [];
  const seen = new Set<bigint>([cur & m]);
  for (const v of vals) {
    const x = v & m;
    if (!seen.has(x)) {
      seen.add(x);
      out.push(x);
    }
  }
  return out;
}

function readLE(b: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[off + i]);
  return v;
}

function withField(b: Uint8Array, off: number, size: number, v: bigint, bigEndian: boolean): Uint8Array {
  const out = b.slice();
  for (let i = 0; i < size; i++) {
    const byte = Number((v >> BigInt(8 * i)) & 0xffn);
    out[bigEndian ? off + size - 1 - i : off + i] = byte;
  }
  return out;
}

const hexKey = (b: Uint8Array): string => {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
};

/** How far out the access lies (bigger is closer to a counterexample). */
function reach(w: WalkResult): number {
  if (!w.at) return w.reachedPc ? 0 : -Infinity;
  return Math.max(w.at.offset + w.at.size - w.at.objectLen, -w.at.offset);
}

/**
 * The search (see the file comment). Yields after each run with the number of runs so far;
 * returns the hit, or undefined when every try is spent. A string from `probe` ends it (returned).
 */
export function* searchInputs(subject: Subject, seeds: readonly Candidate[], guide: readonly bigint[]): Generator<number, Hit | string | undefined, void> {
  let runs = 0;
  const visited = new Set<string>();
  type Node = { c: Candidate; p: ProbeOutcome; depth: number };
  const frontier: Node[] = [];
  const tried: Node[] = [];

  function* run(c: Candidate): Generator<number, ProbeOutcome | string | undefined, void> {
    const key = hexKey(c.bytes);
    if (visited.has(key)) return undefined;
    visited.add(key);
    const p = subject.probe(c.bytes);
    runs++;
    yield runs;
    return p;
  }

  // 1. the seeds as they are
  for (const c of seeds) {
    const p = yield* run(c);
    if (typeof p === 'string') return p;
    if (!p) continue;
    if (isHit(p)) return { candidate: c, probe: p };
    const n = { c, p, depth: 0 };
    frontier.push(n);
    tried.push(n);
  }

  function* truncations(n: Node): Generator<number, Hit | string | undefined, void> {
    const at = n.p.walk.at;
    if (!subject.truncatable || !at || at.object !== 'packet' || at.outside) return undefined;
    const longest = at.offset + at.size - 1;
    for (let len = longest, k = 0; len >= subject.minLen && k < TRUNCATE_TRIES; len--, k++) {
      if (len >= n.c.bytes.length) continue;
      const c: Candidate = { ...n.c, bytes: n.c.bytes.slice(0, len) };
      const p = yield* run(c);
      if (typeof p === 'string') return p;
      if (p && isHit(p)) return { candidate: c, probe: p };
    }
    return undefined;
  }

  // 2. + 3. cut the packets that reach the access; then change the fields read on the way
  while (frontier.length > 0) {
    // reached-first, then shallower, then in the order found (seeds: UDP to 5001 first; fields: nearest the pc first)
    frontier.sort((a, b) => Number(b.p.walk.reachedPc) - Number(a.p.walk.reachedPc) || a.depth - b.depth);
    const n = frontier.shift()!;
    const t = yield* truncations(n);
    if (t) return t;
    if (n.depth >= MAX_DEPTH) continue;
    const reads: InputRead[] = [...n.p.walk.reads].reverse(); // nearest to the pc first
    for (const f of reads) {
      if (f.off + f.size > n.c.bytes.length) continue;
      const orders = subject.bothOrders && f.size > 1 ? [true, false] : [subject.bothOrders];
      for (const be of orders) {
        const cur = be ? readLE(n.c.bytes.slice(f.off, f.off + f.size).reverse(), 0, f.size) : readLE(n.c.bytes, f.off, f.size);
        for (const v of fieldValues(f.size, cur, guide)) {
          const c: Candidate = { ...n.c, bytes: withField(n.c.bytes, f.off, f.size, v, be), changes: [...n.c.changes, { off: f.off, size: f.size }] };
          const p = yield* run(c);
          if (typeof p === 'string') return p;
          if (!p) continue;
          if (isHit(p)) return { candidate: c, probe: p };
          const further = reach(p.walk) > reach(n.p.walk);
          const newly = p.walk.reachedPc && !n.p.walk.reachedPc;
          if (further || newly) frontier.push({ c, p, depth: n.depth + 1 });
        }
      }
    }
  }

  // 4. the seeds cut to every length
  if (subject.truncatable) {
    for (const n of tried) {
      for (let len = n.c.bytes.length - 1; len >= subject.minLen; len--) {
        const c: Candidate = { ...n.c, bytes: n.c.bytes.slice(0, len) };
        const p = yield* run(c);
        if (typeof p === 'string') return p;
        if (p && isHit(p)) return { candidate: c, probe: p };
      }
    }
  }
  return undefined;
}
