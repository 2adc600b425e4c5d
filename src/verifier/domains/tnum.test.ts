// Tnum tests: hand-computed values, and soundness/precision checked by enumerating the members
// of small random tnums (concrete arithmetic is the independent expectation).
import { describe, expect, it } from 'vitest';
import { prng } from './cases.ts';
import {
  type Tnum,
  TNUM_UNKNOWN,
  U64_MAX,
  tnumAdd,
  tnumAnd,
  tnumArshift,
  tnumBswap,
  tnumCast,
  tnumClearSubreg,
  tnumConst,
  tnumConstSubreg,
  tnumIn,
  tnumIntersect,
  tnumIsAligned,
  tnumIsConst,
  tnumLshift,
  tnumMul,
  tnumNeg,
  tnumNextGE,
  tnumOr,
  tnumOverlap,
  tnumRange,
  tnumRshift,
  tnumStr,
  tnumSub,
  tnumSubreg,
  tnumUnion,
  tnumWithSubreg,
  tnumXor,
} from './tnum.ts';

const T = (value: bigint, mask: bigint): Tnum => ({ value, mask });
const M64 = U64_MAX;

/** Every member of a tnum with few unknown bits. */
function members(t: Tnum): bigint[] {
  const bits: bigint[] = [];
  for (let i = 0n; i < 64n; i++) if (t.mask & (1n << i)) bits.push(1n << i);
  const out: bigint[] = [];
  for (let k = 0; k < 1 << bits.length; k++) {
    let v = t.value;
    bits.forEach((b, j) => {
      if (k & (1 << j)) v |= b;
    });
    out.push(v);
  }
  return out;
}

const has = (t: Tnum, x: bigint): boolean => (BigInt.asUintN(64, x) & ~t.mask) === t.value;

describe('tnum: hand-computed values', () => {
  it('constants, ranges, unknown', () => {
    expect(tnumConst(5n)).toEqual(T(5n, 0n));
    expect(tnumConst(-1n)).toEqual(T(M64, 0n));
    expect(tnumRange(0n, 255n)).toEqual(T(0n, 0xffn));
    expect(tnumRange(16n, 31n)).toEqual(T(0x10n, 0xfn));
    expect(tnumRange(16n, 32n)).toEqual(T(0n, 0x3fn));
    expect(tnumRange(7n, 7n)).toEqual(T(7n, 0n));
    expect(tnumRange(0n, M64)).toEqual(TNUM_UNKNOWN);
    expect(tnumRange(1n << 63n, M64)).toEqual(T(1n << 63n, (1n << 63n) - 1n));
  });
  it('arithmetic', () => {
    expect(tnumAdd(T(0n, 1n), T(0n, 1n))).toEqual(T(0n, 3n)); // {0,1}+{0,1} = {0,1,2}
    expect(tnumAdd(tnumConst(M64), tnumConst(2n))).toEqual(tnumConst(1n));
    expect(tnumSub(tnumConst(0n), tnumConst(1n))).toEqual(tnumConst(M64));
    expect(tnumSub(T(4n, 0n), T(0n, 1n))).toEqual(T(0n, 7n)); // {4,3}
    expect(tnumNeg(tnumConst(5n))).toEqual(tnumConst(M64 - 4n));
    expect(tnumMul(tnumConst(3n), tnumConst(5n))).toEqual(tnumConst(15n));
    expect(tnumMul(T(0n, 1n), tnumConst(6n))).toEqual(T(0n, 6n)); // {0, 6}
  });
  it('bitwise', () => {
    expect(tnumAnd(T(0n, 0xffn), tnumConst(0x0fn))).toEqual(T(0n, 0x0fn));
    expect(tnumOr(tnumConst(0x100n), T(0n, 0xffn))).toEqual(T(0x100n, 0xffn));
    expect(tnumXor(T(0xf0n, 0x0fn), tnumConst(0xffn))).toEqual(T(0n, 0x0fn)); // high nibble cancels
    expect(tnumAnd(TNUM_UNKNOWN, tnumConst(0n))).toEqual(tnumConst(0n));
  });
  it('shifts', () => {
    expect(tnumLshift(T(1n, 2n), 4)).toEqual(T(0x10n, 0x20n));
    expect(tnumRshift(T(0x10n, 0x20n), 4)).toEqual(T(1n, 2n));
    expect(tnumArshift(tnumConst(0x80000000n), 4, 32)).toEqual(tnumConst(0xf8000000n));
    expect(tnumArshift(tnumConst(-16n), 2, 64)).toEqual(tnumConst(-4n));
    expect(tnumArshift(T(0n, 0x80000000n), 31, 32)).toEqual(T(0n, 0xffffffffn));
  });
  it('set operations and predicates', () => {
    expect(tnumIntersect(T(0n, 0xffn), T(0x10n, 0xf00n))).toEqual(T(0x10n, 0n));
    expect(tnumUnion(tnumConst(4n), tnumConst(6n))).toEqual(T(4n, 2n));
    expect(tnumIn(T(0n, 0xffn), T(0x10n, 0x0fn))).toBe(true);
    expect(tnumIn(T(0x10n, 0x0fn), T(0n, 0xffn))).toBe(false);
    expect(tnumIsAligned(T(0x10n, 0x30n), 16)).toBe(true);
    expect(tnumIsAligned(T(0x10n, 0x38n), 16)).toBe(false);
    expect(tnumIsConst(T(3n, 0n))).toBe(true);
    expect(tnumOverlap(T(0n, 0x12n), tnumConst(1n))).toBe(false);
    expect(tnumOverlap(T(0n, 0x12n), tnumConst(0x10n))).toBe(true);
  });
  it('subregisters, casts, byte swaps', () => {
    const t = T(0x100_0000_0000n, 0xff_0000_00ffn);
    expect(tnumSubreg(t)).toEqual(T(0n, 0xffn));
    expect(tnumClearSubreg(t)).toEqual(T(0x100_0000_0000n, 0xff_0000_0000n));
    expect(tnumWithSubreg(t, tnumConst(0x1234_5678_9abcn))).toEqual(T(0x100_5678_9abcn, 0xff_0000_0000n));
    expect(tnumConstSubreg(t, 7n)).toEqual(T(0x100_0000_0007n, 0xff_0000_0000n));
    expect(tnumCast(tnumConst(0x12345n), 2)).toEqual(tnumConst(0x2345n));
    expect(tnumBswap(T(0x100n, 0xffn), 16)).toEqual(T(0x1n, 0xff00n));
    expect(tnumBswap(tnumConst(0x11223344n), 32)).toEqual(tnumConst(0x44332211n));
  });
  it('prints like the log', () => {
    expect(tnumStr(T(0n, 0xffn))).toBe('(0x0; 0xff)');
    expect(tnumStr(T(0xfffffffffffffff0n, 0xfn))).toBe('(0xfffffffffffffff0; 0xf)');
  });
});

/** A random tnum with at most `k` unknown bits, biased toward low and top bits. */
function randTnum(rnd: () => number, k: number): Tnum {
  let mask = 0n;
  const n = Math.floor(rnd() * (k + 1));
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const bit = r < 0.6 ? Math.floor(rnd() * 8) : r < 0.8 ? 28 + Math.floor(rnd() * 8) : 56 + Math.floor(rnd() * 8);
    mask |= 1n << BigInt(bit);
  }
  let value = 0n;
  for (let i = 0; i < 4; i++) value = (value << 16n) | BigInt(Math.floor(rnd() * 65536));
  if (rnd() < 0.5) value &= 0xffffn;
  return { value: value & ~mask, mask };
}

describe('tnum: soundness by enumeration (seeded)', () => {
  const rnd = prng(1234);
  const ops: Array<[string, (a: Tnum, b: Tnum) => Tnum, (x: bigint, y: bigint) => bigint]> = [
    ['add', tnumAdd, (x, y) => x + y],
    ['sub', tnumSub, (x, y) => x - y],
    ['mul', tnumMul, (x, y) => x * y],
    ['and', tnumAnd, (x, y) => x & y],
    ['or', tnumOr, (x, y) => x | y],
    ['xor', tnumXor, (x, y) => x ^ y],
    ['union', tnumUnion, (x) => x],
  ];
  for (const [name, f, c] of ops) {
    it(`${name}: every concrete result is a member`, () => {
      for (let n = 0; n < 300; n++) {
        const a = randTnum(rnd, 4);
        const b = randTnum(rnd, 4);
        const r = f(a, b);
        expect(r.value & r.mask).toBe(0n);
        for (const x of members(a)) for (const y of members(b)) expect(has(r, c(x, y))).toBe(true);
      }
    });
  }
  it('union holds both sides; intersect of a tnum with a member-sharing one is exact on members', () => {
    for (let n = 0; n < 300; n++) {
      const a = randTnum(rnd, 4);
      const b = randTnum(rnd, 4);
      const u = tnumUnion(a, b);
      for (const y of members(b)) expect(has(u, y)).toBe(true);
      if (tnumOverlap(a, b)) {
        const i = tnumIntersect(a, b);
        const common = members(a).filter((x) => has(b, x));
        expect(members(i).sort()).toEqual(common.sort());
      } else {
        expect(members(a).some((x) => has(b, x))).toBe(false);
      }
    }
  });
  it('shifts, negation and byte swaps', () => {
    for (let n = 0; n < 300; n++) {
      const a = randTnum(rnd, 5);
      const s = Math.floor(rnd() * 64);
      const s32 = s & 31;
      for (const x of members(a)) {
        expect(has(tnumLshift(a, s), x << BigInt(s))).toBe(true);
        expect(has(tnumRshift(a, s), x >> BigInt(s))).toBe(true);
        expect(has(tnumArshift(a, s, 64), BigInt.asIntN(64, x) >> BigInt(s))).toBe(true);
        expect(has(tnumArshift(a, s32, 32), BigInt.asUintN(32, BigInt.asIntN(32, x) >> BigInt(s32)))).toBe(true);
        expect(has(tnumNeg(a), -x)).toBe(true);
      }
    }
  });
  it('tnumRange holds its range; tnumNextGE finds the next member', () => {
    for (let n = 0; n < 300; n++) {
      const lo = BigInt(Math.floor(rnd() * 5000));
      const hi = lo + BigInt(Math.floor(rnd() * 5000));
      const t = tnumRange(lo, hi);
      for (let x = lo; x <= hi; x += 97n) expect(has(t, x)).toBe(true);
      expect(has(t, hi)).toBe(true);
      const a = randTnum(rnd, 5);
      const ms = members(a).sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
      const z = rnd() < 0.5 ? ms[Math.floor(rnd() * ms.length)] + BigInt(Math.floor(rnd() * 3)) - 1n : BigInt.asUintN(64, BigInt(Math.floor(rnd() * 2 ** 52)) << BigInt(Math.floor(rnd() * 12)));
      const want = ms.find((m) => m >= z);
      expect(tnumNextGE(a, z < 0n ? 0n : z)).toBe(z < 0n ? ms[0] : want);
    }
  });
});
