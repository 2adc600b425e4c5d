/**
 * The simulator's seeded pseudo-random generator: xoshiro128** (Blackman & Vigna, public domain
 * algorithm) seeded through splitmix32, so a seed (number, bigint or string) always gives the same
 * stream on every JavaScript engine. Everything in `src/sim` draws randomness from here; nothing
 * calls `Math.random` or reads the wall clock (STYLE §3.8).
 *
 * `fork(label)` derives an independent stream from the parent's seed and a label, so adding draws
 * to one part of a scenario does not shift the numbers another part sees.
 *
 * Deliberately not here: cryptographic quality, and distributions that need transcendental
 * functions (Math.log/exp are not bit-identical across engines; only integer arithmetic and one
 * exact division are used, so streams replay identically in every browser). Provenance: algorithm constants from the published xoshiro128** and splitmix32
 * descriptions; the code is our own.
 */

export type Seed = number | bigint | string;

/** FNV-1a over the UTF-8-ish char codes of a string: turns labels and string seeds into 32 bits. */
export function hash32(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function seedWords(seed: Seed): number[] {
  // strings, and numbers that are not finite (NaN, Infinity), are hashed as text
  if (typeof seed === 'string' || (typeof seed === 'number' && !Number.isFinite(seed))) {
    const t = String(seed);
    return [hash32(t), hash32(t, 0x9e3779b9)];
  }
  const b = BigInt.asUintN(64, typeof seed === 'bigint' ? seed : BigInt(Math.trunc(seed)));
  return [Number(b & 0xffffffffn), Number(b >> 32n)];
}

/** A deterministic random stream. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The 64 bits the stream was derived from (for fork). */
  private readonly key: number[];

  constructor(seed: Seed) {
    this.key = seedWords(seed);
    // splitmix32 over the seed words fills the four state words (never all zero)
    let x = (this.key[0] ^ Math.imul(this.key[1], 0x9e3779b9)) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next() ^ this.key[1];
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** An independent stream named `label`, derived from this stream's seed (not its position). */
  fork(label: string): Rng {
    const lo = hash32(label, this.key[0] || 0x811c9dc5);
    const hi = hash32(label, (this.key[1] ^ 0x5bd1e995) >>> 0);
    return new Rng((BigInt(hi) << 32n) | BigInt(lo));
  }

  /** Next 32 random bits as an unsigned integer. */
  u32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    this.s2 = (s2 ^ s0) >>> 0;
    this.s3 = (s3 ^ s1) >>> 0;
    this.s1 = (s1 ^ this.s2) >>> 0;
    this.s0 = (s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^32, without modulo bias. */
  int(n: number): number {
    if (n <= 1) return 0;
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const v = this.u32();
      if (v < limit) return v % n;
    }
  }

  /** Uniform integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** Uniform float in [0, 1) with 32 bits of precision. */
  float(): number {
    return this.u32() / 0x100000000;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** Index chosen with the given non-negative weights (at least one positive). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** n random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.u32();
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
