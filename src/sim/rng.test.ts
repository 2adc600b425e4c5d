// The seeded PRNG: reproducible, seed-sensitive, forks independent of the parent's position,
// bounded draws in range and close to uniform.
import { describe, expect, it } from 'vitest';
import { hash32, Rng } from './rng.ts';

const take = (r: Rng, n: number): number[] => Array.from({ length: n }, () => r.u32());

describe('Rng', () => {
  it('the same seed gives the same stream; seeds of every kind differ', () => {
    expect(take(new Rng(1), 50)).toEqual(take(new Rng(1), 50));
    expect(take(new Rng(1n), 50)).toEqual(take(new Rng(1), 50));
    const streams = [new Rng(0), new Rng(1), new Rng(2), new Rng(2n ** 40n), new Rng('a'), new Rng('b')].map((r) => take(r, 4).join());
    expect(new Set(streams).size).toBe(streams.length);
  });

  it('odd numeric seeds do not throw: NaN and Infinity hash as text, fractions truncate', () => {
    expect(take(new Rng(NaN), 3)).toEqual(take(new Rng('NaN'), 3));
    expect(take(new Rng(Infinity), 3)).toEqual(take(new Rng('Infinity'), 3));
    expect(take(new Rng(2.9), 3)).toEqual(take(new Rng(2), 3));
    expect(take(new Rng(-1), 3)).toEqual(take(new Rng(2n ** 64n - 1n), 3));
  });

  it('a fork depends on the parent seed and label, not on how far the parent has been drawn', () => {
    const a = new Rng(9);
    const f1 = take(a.fork('x'), 20);
    take(a, 1000);
    expect(take(a.fork('x'), 20)).toEqual(f1);
    expect(take(new Rng(9).fork('y'), 20)).not.toEqual(f1);
    expect(take(new Rng(10).fork('x'), 20)).not.toEqual(f1);
  });

  it('int(n) stays in range and is close to uniform (chi-square, 10 bins)', () => {
    const r = new Rng(123);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100000; i++) bins[r.int(10)]++;
    const chi = bins.reduce((s, o) => s + (o - 10000) ** 2 / 10000, 0);
    expect(chi).toBeLessThan(27.9); // p = 0.001 for 9 degrees of freedom
    for (let i = 0; i < 1000; i++) {
      const v = r.range(5, 7);
      expect(v >= 5 && v <= 7 && Number.isInteger(v)).toBe(true);
    }
    expect(r.int(1)).toBe(0);
  });

  it('float, chance, weighted, bytes', () => {
    const r = new Rng(5);
    let heads = 0;
    for (let i = 0; i < 10000; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
      if (r.chance(0.25)) heads++;
    }
    expect(Math.abs(heads - 2500)).toBeLessThan(200);
    const w = [0, 0, 0];
    for (let i = 0; i < 3000; i++) w[r.weighted([1, 0, 2])]++;
    expect(w[1]).toBe(0);
    expect(Math.abs(w[2] / w[0] - 2)).toBeLessThan(0.3);
    expect(r.bytes(7).length).toBe(7);
  });

  it('hash32 is FNV-1a (published test vectors)', () => {
    expect(hash32('')).toBe(0x811c9dc5);
    expect(hash32('a')).toBe(0xe40c292c);
    expect(hash32('foobar')).toBe(0xbf9cf968);
  });
});
