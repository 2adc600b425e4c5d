/**
 * Small arithmetic pieces of the interpreter on split 64-bit values (hi, lo as int32 bit
 * patterns): conversion to BigInt, byte swaps, the BigInt slow path of 64-bit division, and the
 * registers an instruction writes by definition (for the trace).
 *
 * Deliberately not here: the fast paths, which stay inline in interpreter.ts's switch.
 * Provenance: RFC 9669 semantics; code is our own.
 */

export const toBig = (h: number, l: number): bigint => (BigInt(h >>> 0) << 32n) | BigInt(l >>> 0);
export const bswap32 = (x: number): number =>
  ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
export const bswap16 = (x: number): number => ((x & 0xff) << 8) | ((x >>> 8) & 0xff);

/** Unsigned 64-bit a / b and a % b through BigInt (the slow path). */
export function udivmod64(ah: number, al: number, bh: number, bl: number, mod: boolean): bigint {
  const a = toBig(ah, al);
  const b = toBig(bh, bl);
  return mod ? a % b : a / b;
}
/** Signed 64-bit a / b and a % b (b ≠ 0) through BigInt; INT_MIN / -1 wraps to INT_MIN. */
export function sdivmod64(ah: number, al: number, bh: number, bl: number, mod: boolean): bigint {
  const a = BigInt.asIntN(64, toBig(ah, al));
  const b = BigInt.asIntN(64, toBig(bh, bl));
  return BigInt.asUintN(64, mod ? a % b : a / b);
}

/**
 * Registers an instruction writes by definition, as a bit mask (bit r = register r), so that a
 * write of an unchanged value still shows in the trace.
 */
export function definedWrites(code: number, dst: number, src: number, imm: number): number {
  const cls = code & 7;
  if (cls === 4 || cls === 7 || cls === 1 || code === 0x18) return 1 << dst;
  if (code === 0x85 && src !== 1) return 1; // helper call: r0
  if (code === 0x8d) return 1; // callx of a helper; a local callx shows up through the diff
  if (code === 0xc3 || code === 0xdb || code === 0xcb || code === 0xd3) {
    if (imm === 0xf1) return 1; // cmpxchg: r0
    if (imm === 0x100) return 1 << dst; // load-acquire
    if (imm & 1) return 1 << src; // fetch / xchg
  }
  return 0;
}
