/**
 * The hash map's key index: keys whose index hashes collide (built by hand from keyHash's
 * definition) stay distinct entries through lookup, update, delete (head and middle of a chain),
 * get-next-key and dumps; `lookupAt` (key read in place from VM memory) agrees with `lookup`.
 * Expectations are the UAPI semantics (hand-written); the recorded kernel orders are checked in
 * maps.test.ts / userOps.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Memory } from '../../vm/index.ts';
import { HashMap, keyHash } from './hash.ts';
import { benchHashLookup } from './hashBench.ts';
import { ENOENT, hexOf } from './map.ts';

const u64key = (w0: number, w1: number) => {
  const k = new Uint8Array(8);
  const dv = new DataView(k.buffer);
  dv.setUint32(0, w0 >>> 0, true);
  dv.setUint32(4, w1 >>> 0, true);
  return k;
};

/** The first-word state of keyHash for an 8-byte key (its definition, step one). */
function afterWord0(w0: number): number {
  let h = Math.imul(8 ^ w0, 0x9e3779b1);
  h ^= h >>> 16;
  return h;
}

/** Three different 8-byte keys with one index hash: w1 chosen so h1 ^ w1 is the same. */
function colliding(): Uint8Array[] {
  const base = afterWord0(1) ^ 0x1234;
  return [1, 2, 3].map((w0) => u64key(w0, base ^ afterWord0(w0)));
}

const make = (type: 'hash' | 'lru_hash' | 'percpu_hash' = 'hash', max = 8) => new HashMap({ memory: new Memory(), cpus: 2 }, 'h', type, 1, 8, 8, max, 0);
const val = (x: number) => new Uint8Array(new BigUint64Array([BigInt(x)]).buffer);

describe('HashMap index', () => {
  it('the constructed keys really collide in the index', () => {
    const [a, b, c] = colliding();
    expect(keyHash(a, 0, 8)).toBe(keyHash(b, 0, 8));
    expect(keyHash(b, 0, 8)).toBe(keyHash(c, 0, 8));
    expect(hexOf(a)).not.toBe(hexOf(b));
  });

  it('keeps colliding keys apart: lookup, delete (chain head and middle), next key, dump', () => {
    const [a, b, c] = colliding();
    const m = make();
    expect(m.userUpdate(a, val(1))).toBe(0);
    expect(m.userUpdate(b, val(2))).toBe(0);
    expect(m.userUpdate(c, val(3))).toBe(0);
    const addrs = [a, b, c].map((k) => m.lookup(k, 0));
    expect(new Set(addrs).size).toBe(3);
    expect(addrs.every((x) => x !== 0n)).toBe(true);
    expect([a, b, c].map((k) => m.userLookup(k))).toEqual([1, 2, 3].map((x) => ({ ok: true, value: val(x) })));
    // insertion order, not index order
    expect(m.entries().map((e) => hexOf(e.key))).toEqual([a, b, c].map(hexOf));
    // b sits in the middle of the chain (c was inserted last, at the head)
    expect(m.delete(b)).toBe(0);
    expect(m.userLookup(b)).toEqual({ ok: false, errno: ENOENT });
    expect(m.lookup(a, 0)).toBe(addrs[0]);
    expect(m.lookup(c, 0)).toBe(addrs[2]);
    expect(m.delete(c)).toBe(0); // the head
    expect(m.lookup(a, 0)).toBe(addrs[0]);
    expect(m.delete(c)).toBe(-ENOENT);
    // b again: a new element after a, in a freed slot
    expect(m.userUpdate(b, val(9))).toBe(0);
    expect(m.nextKey(undefined)).toEqual({ ok: true, value: a });
    expect(m.nextKey(a)).toEqual({ ok: true, value: b });
    expect(m.nextKey(b)).toEqual({ ok: false, errno: ENOENT });
    expect(m.userLookup(b)).toEqual({ ok: true, value: val(9) });
    expect(m.size).toBe(2);
  });

  it('a key of the wrong length is never found', () => {
    const m = make();
    const k = u64key(5, 6);
    expect(m.userUpdate(k, val(1))).toBe(0);
    expect(m.lookup(k.subarray(0, 4), 0)).toBe(0n);
    expect(m.lookup(new Uint8Array([...k, 0]), 0)).toBe(0n);
    expect(m.userLookup(k.subarray(0, 4))).toEqual({ ok: false, errno: ENOENT });
    expect(m.delete(new Uint8Array([...k, 0]))).toBe(-ENOENT);
  });

  it('LRU eviction of a colliding key unlinks it from the chain', () => {
    const [a, b, c] = colliding();
    const m = make('lru_hash', 2);
    expect(m.update(a, val(1), 0n, 0)).toBe(0);
    expect(m.update(b, val(2), 0n, 0)).toBe(0);
    expect(m.lookup(a, 0)).not.toBe(0n); // a used last: b is the least recently used
    expect(m.update(c, val(3), 0n, 0)).toBe(0);
    expect(m.lookup(b, 0)).toBe(0n);
    expect(m.lruOrder().map(hexOf)).toEqual([a, c].map(hexOf));
    expect(m.userLookup(c)).toEqual({ ok: true, value: val(3) });
  });

  it('lookupAt reads the key in place and agrees with lookup; per-CPU addresses differ by CPU', () => {
    const memory = new Memory();
    const m = new HashMap({ memory, cpus: 2 }, 'p', 'percpu_hash', 5, 8, 8, 4, 0);
    const k = u64key(7, 8);
    expect(m.userUpdate(k, val(1))).toBe(0);
    const r = memory.alloc('map_value', 16, { name: 'key' });
    memory.bytes.set(k, r.offset + 8);
    expect(m.lookupAt(memory.bytes, r.offset + 8, 1)).toBe(m.lookup(k, 1));
    expect(m.lookupAt(memory.bytes, r.offset + 8, 0)).toBe(m.lookup(k, 0));
    expect(m.lookup(k, 0)).not.toBe(m.lookup(k, 1));
    expect(m.lookupAt(memory.bytes, r.offset, 0)).toBe(0n);
  });

  it('the bench runs (figures only)', () => {
    const r = benchHashLookup({ entries: 16, lookups: 1000, keySizes: [4] });
    expect(r).toHaveLength(1);
    expect(r[0].hitNs).toBeGreaterThan(0);
  });
});
