/**
 * Tristate numbers ("tnums"): the verifier's bit-level abstract domain, with the semantics of
 * Linux 6.18's kernel/bpf/tnum.c.
 *
 * A tnum is a pair (value; mask) of u64s: a bit set in `mask` is unknown, otherwise the bit is
 * known and equals the bit in `value` (the invariant `value & mask == 0` always holds). The
 * concrete values a tnum stands for are { x : x & ~mask == value }.
 *
 * Deliberately not here: anything about the eight min/max bounds (see bounds.ts) or printing
 * registers (format.ts) — only `tnumStr`, the "(0x..; 0x..)" text the log prints for var_off.
 *
 * Provenance: re-implemented from public descriptions — the kernel documentation, the LWN
 * coverage of the verifier's value tracking, and Vishwanathan et al., "Sound, Precise, and Fast
 * Abstract Interpretation with Tristate Numbers" (CGO 2022) for add/sub/mul. Multiplication
 * follows the 2025 refinement (accumulate with a union of the two cases when a bit of the
 * multiplier is unknown), which is what the real 6.18 kernel's logs agree with (see the
 * goldens in testdata/). No kernel source was copied.
 *
 * All values are BigInt; u64 quantities are kept in 0..2^64-1.
 */

export interface Tnum {
  readonly value: bigint;
  readonly mask: bigint;
}

export const U64_MAX = (1n << 64n) - 1n;
export const U32_MAX = (1n << 32n) - 1n;

/** Wrap to u64. */
export const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
/** Wrap to u32. */
export const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
/** Reinterpret as s64. */
export const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
/** Reinterpret as s32. */
export const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);

function mk(value: bigint, mask: bigint): Tnum {
  return { value: u64(value), mask: u64(mask) };
}

/** The tnum that knows nothing: every bit unknown. */
export const TNUM_UNKNOWN: Tnum = Object.freeze({ value: 0n, mask: U64_MAX });

/** A fully known value (taken mod 2^64). */
export function tnumConst(v: bigint): Tnum {
  return mk(v, 0n);
}

/** Number of bits needed to represent x (position of highest set bit + 1; 0 for 0). */
function fls64(x: bigint): number {
  if (x === 0n) return 0;
  const hi = Number(x >> 32n);
  if (hi !== 0) return 64 - Math.clz32(hi);
  return 32 - Math.clz32(Number(x & 0xffffffffn));
}

/**
 * The smallest tnum holding every u64 in [min, max]: the bits above the highest differing bit
 * are known (from min), everything from that bit down is unknown.
 */
export function tnumRange(min: bigint, max: bigint): Tnum {
  const lo = u64(min);
  const hi = u64(max);
  const bits = fls64(lo ^ hi);
  if (bits > 63) return TNUM_UNKNOWN;
  const delta = (1n << BigInt(bits)) - 1n;
  return mk(lo & ~delta, delta);
}

export function tnumLshift(a: Tnum, shift: number): Tnum {
  const s = BigInt(shift & 63);
  return mk(a.value << s, a.mask << s);
}

export function tnumRshift(a: Tnum, shift: number): Tnum {
  const s = BigInt(shift & 63);
  return mk(a.value >> s, a.mask >> s);
}

/**
 * Arithmetic right shift of a tnum viewed as a `bits`-bit signed number. For 32 bits the result
 * is the 32-bit pattern (upper half zero), as the kernel keeps it for a subregister.
 */
export function tnumArshift(a: Tnum, shift: number, bits: 32 | 64): Tnum {
  const s = BigInt(shift & (bits - 1));
  if (bits === 32) {
    return mk(u32(s32(a.value) >> s), u32(s32(a.mask) >> s));
  }
  return mk(s64(a.value) >> s, s64(a.mask) >> s);
}

/** Addition: the carries that could differ between the all-unknown-0 and all-unknown-1 cases become unknown. */
export function tnumAdd(a: Tnum, b: Tnum): Tnum {
  const sm = u64(a.mask + b.mask);
  const sv = u64(a.value + b.value);
  const sigma = u64(sm + sv);
  const chi = sigma ^ sv;
  const mu = chi | a.mask | b.mask;
  return mk(sv & ~mu, mu);
}

/** Subtraction, symmetric to addition with borrows. */
export function tnumSub(a: Tnum, b: Tnum): Tnum {
  const dv = u64(a.value - b.value);
  const alpha = u64(dv + a.mask);
  const beta = u64(dv - b.mask);
  const chi = alpha ^ beta;
  const mu = chi | a.mask | b.mask;
  return mk(dv & ~mu, mu);
}

/** Two's complement negation: 0 - a. */
export function tnumNeg(a: Tnum): Tnum {
  return tnumSub(tnumConst(0n), a);
}

export function tnumAnd(a: Tnum, b: Tnum): Tnum {
  const alpha = a.value | a.mask;
  const beta = b.value | b.mask;
  const v = a.value & b.value;
  return mk(v, alpha & beta & ~v);
}

export function tnumOr(a: Tnum, b: Tnum): Tnum {
  const v = a.value | b.value;
  const mu = a.mask | b.mask;
  return mk(v, mu & ~v);
}

export function tnumXor(a: Tnum, b: Tnum): Tnum {
  const v = a.value ^ b.value;
  const mu = a.mask | b.mask;
  return mk(v & ~mu, mu);
}

/**
 * Multiplication by shift-and-add over the bits of `a`: a known-1 bit adds the (shifted) `b`,
 * an unknown bit joins "added" and "not added"; `a` known-0 bits add nothing.
 */
export function tnumMul(a: Tnum, b: Tnum): Tnum {
  let acc = tnumConst(0n);
  let x = a;
  let y = b;
  while (x.value !== 0n || x.mask !== 0n) {
    if (x.value & 1n) acc = tnumAdd(acc, y);
    else if (x.mask & 1n) acc = tnumUnion(acc, tnumAdd(acc, y));
    x = tnumRshift(x, 1);
    y = tnumLshift(y, 1);
  }
  return acc;
}

/** Values in both a and b (assuming they overlap): known bits from either side. */
export function tnumIntersect(a: Tnum, b: Tnum): Tnum {
  const v = a.value | b.value;
  const mu = a.mask & b.mask;
  return mk(v & ~mu, mu);
}

/** Smallest tnum holding every value of a and of b. */
export function tnumUnion(a: Tnum, b: Tnum): Tnum {
  const v = a.value & b.value;
  const mu = (a.value ^ b.value) | a.mask | b.mask;
  return mk(v & ~mu, mu);
}

/** True when some concrete value could belong to both a and b (their known bits agree). */
export function tnumOverlap(a: Tnum, b: Tnum): boolean {
  const mu = u64(~a.mask & ~b.mask);
  return (a.value & mu) === (b.value & mu);
}

function bswapBits(x: bigint, bits: number): bigint {
  let r = 0n;
  for (let i = 0; i < bits / 8; i++) r = (r << 8n) | ((x >> BigInt(8 * i)) & 0xffn);
  return r;
}

/** Byte swap of the low `bits` bits (16, 32 or 64); the bits above are zero in the result. */
export function tnumBswap(a: Tnum, bits: 16 | 32 | 64): Tnum {
  const t = tnumCast(a, bits / 8);
  return mk(bswapBits(t.value, bits), bswapBits(t.mask, bits));
}

/**
 * The smallest value of `t` that is >= z, or undefined when there is none. Bits where z is 0
 * and t may be 1 are where a member can first exceed z; the lowest such bit at or above the
 * highest known bit of t that disagrees with z gives the answer.
 */
export function tnumNextGE(t: Tnum, z: bigint): bigint | undefined {
  if (z > U64_MAX) return undefined;
  const d = (z ^ t.value) & ~t.mask & U64_MAX;
  if (d === 0n) return z;
  const h = BigInt(fls64(d) - 1);
  const cands = ~z & (t.value | t.mask) & U64_MAX & ~((1n << h) - 1n);
  if (cands === 0n) return undefined;
  const j = BigInt(fls64(cands & -cands) - 1);
  return ((z >> (j + 1n)) << (j + 1n)) | (1n << j) | (t.value & ((1n << j) - 1n));
}

/**
 * The kernel's tnum_step: the smallest member of t greater than z, saturating — t's largest
 * member when z is at or above it, t's smallest member when z is below it.
 */
export function tnumStep(t: Tnum, z: bigint): bigint {
  const tmax = t.value | t.mask;
  if (z >= tmax) return tmax;
  if (z < t.value) return t.value;
  return tnumNextGE(t, z + 1n) ?? tmax;
}

/** Keep the low `sizeBytes` bytes (zero the rest). */
export function tnumCast(a: Tnum, sizeBytes: number): Tnum {
  if (sizeBytes >= 8) return a;
  const m = (1n << BigInt(sizeBytes * 8)) - 1n;
  return mk(a.value & m, a.mask & m);
}

export function tnumIsConst(a: Tnum): boolean {
  return a.mask === 0n;
}

export function tnumIsUnknown(a: Tnum): boolean {
  return a.mask === U64_MAX;
}

/** Every value of `inner` is a value of `outer`. */
export function tnumIn(outer: Tnum, inner: Tnum): boolean {
  if (inner.mask & ~outer.mask) return false;
  return outer.value === (inner.value & ~outer.mask);
}

/** Every value is a multiple of `size` (size 0 counts as aligned). */
export function tnumIsAligned(a: Tnum, size: number): boolean {
  if (!size) return true;
  return ((a.value | a.mask) & BigInt(size - 1)) === 0n;
}

/** The low 32 bits (zero-extended). */
export function tnumSubreg(a: Tnum): Tnum {
  return tnumCast(a, 4);
}

/** The high 32 bits kept, low 32 bits known zero. */
export function tnumClearSubreg(a: Tnum): Tnum {
  return tnumLshift(tnumRshift(a, 32), 32);
}

/** High half of `reg`, low half of `subreg`. */
export function tnumWithSubreg(reg: Tnum, subreg: Tnum): Tnum {
  return tnumOr(tnumClearSubreg(reg), tnumSubreg(subreg));
}

/** High half of `a`, low half the known 32-bit value `v`. */
export function tnumConstSubreg(a: Tnum, v: bigint): Tnum {
  return tnumWithSubreg(a, tnumConst(v));
}

export function tnumSubregIsConst(a: Tnum): boolean {
  return (a.mask & U32_MAX) === 0n;
}

/** "(0x0; 0xff)": var_off as the verifier log prints it (C's %#llx, with 0 shown as 0x0). */
export function tnumStr(a: Tnum): string {
  return `(0x${a.value.toString(16)}; 0x${a.mask.toString(16)})`;
}

/** The tnum's bits MSB first: 0, 1 or x (unknown), like the kernel's tnum_sbin. */
export function tnumBin(a: Tnum): string {
  let s = '';
  for (let i = 63; i >= 0; i--) {
    const bit = 1n << BigInt(i);
    s += a.mask & bit ? 'x' : a.value & bit ? '1' : '0';
  }
  return s;
}
