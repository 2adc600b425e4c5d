/**
 * Map semantics from user space (the bpf(2) commands bpftool uses) and from the program side,
 * success and error paths, against the UAPI contract (hand-written expectations). The same
 * semantics from programs are checked against the real kernel in src/kernel/run/goldens.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Memory } from '../../vm/index.ts';
import {
  ArrayMap, BPF_ANY, BPF_EXIST, BPF_F_LOCK, BPF_NOEXIST, E2BIG, EEXIST, EINVAL, ENOENT, HashMap, ProgArrayMap, QueueMap,
  RingBufMap, createMap, dumpMap, hexOf, parseMapSpec, type BpfMap, type MapSpec,
} from './index.ts';

const host = () => ({ memory: new Memory(), cpus: 2 });
const u32 = (v: number) => new Uint8Array(new Uint32Array([v]).buffer);
const u64 = (v: bigint) => new Uint8Array(new BigUint64Array([v]).buffer);
function make(spec: Omit<MapSpec, 'name'>, h = host()): BpfMap {
  const r = createMap({ name: 'm', ...spec }, h);
  if (!r.ok) throw new Error(r.message);
  return r.map;
}

describe('createMap', () => {
  it('refuses definitions the kernel refuses, with the errno', () => {
    const h = host();
    expect(createMap({ name: 'a', type: 'array', keySize: 8, valueSize: 4, maxEntries: 1 }, h)).toMatchObject({ ok: false, errno: EINVAL });
    expect(createMap({ name: 'a', type: 'hash', keySize: 4, valueSize: 4, maxEntries: 0 }, h)).toMatchObject({ ok: false, errno: EINVAL });
    expect(createMap({ name: 'a', type: 'percpu_array', keySize: 4, valueSize: 40000, maxEntries: 1 }, h)).toMatchObject({ ok: false, errno: E2BIG });
    expect(createMap({ name: 'a', type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 5000 }, h)).toMatchObject({ ok: false, errno: EINVAL });
    expect(createMap({ name: 'a', type: 'hash', keySize: 4, valueSize: 4, maxEntries: 1, flags: 0x400 }, h)).toMatchObject({ ok: false, errno: EINVAL });
    expect(createMap({ name: 'a', type: 'nosuch' as 'hash', keySize: 4, valueSize: 4, maxEntries: 1 }, h)).toMatchObject({ ok: false, errno: EINVAL });
    const r = createMap({ name: 'a', type: 'sockmap', keySize: 4, valueSize: 4, maxEntries: 1 }, h);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/not simulated/);
  });

  it('refuses a map whose preallocated values pass the simulated memory limit (ENOMEM), per CPU counted', () => {
    const h = host();
    // 8-byte values × 2^25 = 256 MiB: the limit; one more entry is over it
    expect(createMap({ name: 'a', type: 'hash', keySize: 4, valueSize: 8, maxEntries: (1 << 25) + 1 }, h)).toMatchObject({ ok: false, errno: 12, message: expect.stringMatching(/at most 256 MiB/) });
    expect(createMap({ name: 'b', type: 'percpu_array', keySize: 4, valueSize: 8, maxEntries: (1 << 24) + 1 }, h)).toMatchObject({ ok: false, errno: 12 }); // × 2 CPUs
    expect(createMap({ name: 'c', type: 'hash', keySize: 4, valueSize: 8, maxEntries: 1 << 20 }, h).ok).toBe(true); // 8 MiB, created at once
  });

  it('parses --map specs and reports the bad field', () => {
    expect(parseMapSpec('counts:hash:4:8:1024')).toEqual({ ok: true, spec: { name: 'counts', type: 'hash', keySize: 4, valueSize: 8, maxEntries: 1024, flags: 0 } });
    expect(parseMapSpec('x:27:0:0:0x1000:0')).toEqual({ ok: true, spec: { name: 'x', type: 27, keySize: 0, valueSize: 0, maxEntries: 4096, flags: 0 } });
    expect(parseMapSpec('x:hash:4:8')).toMatchObject({ ok: false, message: expect.stringMatching(/NAME:TYPE:KEY:VALUE:MAX/) });
    expect(parseMapSpec('x:hsh:4:8:1')).toMatchObject({ ok: false, message: expect.stringMatching(/unknown map type 'hsh'/) });
    expect(parseMapSpec('x:hash:four:8:1')).toMatchObject({ ok: false, message: expect.stringMatching(/key size 'four'/) });
    expect(parseMapSpec('1x:hash:4:8:1')).toMatchObject({ ok: false });
    expect(parseMapSpec('o:hash_of_maps:4:4:8:inner=tmpl')).toEqual({ ok: true, spec: { name: 'o', type: 'hash_of_maps', keySize: 4, valueSize: 4, maxEntries: 8, flags: 0, inner: 'tmpl' } });
    expect(parseMapSpec('o:array_of_maps:4:4:8:0:inner=t')).toMatchObject({ ok: true, spec: { inner: 't', flags: 0 } });
  });
});

describe('array', () => {
  it('has every element, zero-filled, 8-byte aligned in VM memory', () => {
    const h = host();
    const m = make({ type: 'array', keySize: 4, valueSize: 4, maxEntries: 3 }, h) as ArrayMap;
    const a0 = m.lookup(u32(0), 0);
    const a1 = m.lookup(u32(1), 0);
    expect(a1 - a0).toBe(8n); // round_up(4, 8)
    expect(m.lookup(u32(3), 0)).toBe(0n);
    expect(h.memory.write(a1, 4, 0xabcdn)).toBe(true);
    expect(m.userLookup(u32(1))).toEqual({ ok: true, value: u32(0xabcd) });
    expect(m.userLookup(u32(3))).toEqual({ ok: false, errno: ENOENT });
    expect(dumpMap(m)).toEqual({ '00000000': '00000000', '01000000': 'cdab0000', '02000000': '00000000' });
  });

  it('update errors: E2BIG, EEXIST, EINVAL (flags, F_LOCK without a lock); delete EINVAL', () => {
    const m = make({ type: 'array', keySize: 4, valueSize: 4, maxEntries: 2 });
    const v = u32(7);
    expect(m.update(u32(1), v, BigInt(BPF_ANY), 0)).toBe(0);
    expect(m.update(u32(1), v, BigInt(BPF_EXIST), 0)).toBe(0);
    expect(m.update(u32(2), v, 0n, 0)).toBe(-E2BIG);
    expect(m.update(u32(0), v, BigInt(BPF_NOEXIST), 0)).toBe(-EEXIST);
    expect(m.update(u32(0), v, 3n, 0)).toBe(-EINVAL);
    expect(m.update(u32(0), v, BigInt(BPF_F_LOCK), 0)).toBe(-EINVAL);
    expect(m.update(u32(2), v, 3n, 0)).toBe(-EINVAL); // flags are checked before the index
    expect(m.delete(u32(0))).toBe(-EINVAL);
    expect(m.userDelete(u32(0))).toBe(-EINVAL);
    expect(m.userUpdate(u32(5), v)).toBe(-E2BIG);
    expect(m.userUpdate(u32(0), u64(1n))).toBe(-EINVAL); // wrong value size
  });

  it('get-next-key walks indexes and starts over for a missing key', () => {
    const m = make({ type: 'array', keySize: 4, valueSize: 4, maxEntries: 2 });
    expect(m.nextKey(undefined)).toEqual({ ok: true, value: u32(0) });
    expect(m.nextKey(u32(0))).toEqual({ ok: true, value: u32(1) });
    expect(m.nextKey(u32(1))).toEqual({ ok: false, errno: ENOENT });
    expect(m.nextKey(u32(9))).toEqual({ ok: true, value: u32(0) });
  });

  it('per-CPU arrays keep one value per CPU', () => {
    const m = make({ type: 'percpu_array', keySize: 4, valueSize: 8, maxEntries: 1 });
    expect(m.perCpu).toBe(true);
    expect(m.lookup(u32(0), 0)).not.toBe(m.lookup(u32(0), 1));
    expect(m.update(u32(0), u64(5n), 0n, 1)).toBe(0);
    expect(m.userLookup(u32(0))).toEqual({ ok: true, value: [u64(0n), u64(5n)] });
    expect(m.userUpdate(u32(0), [u64(1n), u64(2n)])).toBe(0);
    expect(m.userUpdate(u32(0), [u64(1n)])).toBe(-EINVAL); // one value per CPU
    expect(m.userUpdate(u32(0), u64(9n))).toBe(0); // one value for every CPU
    expect(dumpMap(m)).toEqual({ '00000000': ['0900000000000000', '0900000000000000'] });
  });
});

describe('hash', () => {
  it('flags: NOEXIST → EEXIST, EXIST → ENOENT, others EINVAL; full → E2BIG; delete missing → ENOENT', () => {
    const m = make({ type: 'hash', keySize: 4, valueSize: 4, maxEntries: 2 });
    expect(m.update(u32(1), u32(10), BigInt(BPF_NOEXIST), 0)).toBe(0);
    expect(m.update(u32(1), u32(11), BigInt(BPF_NOEXIST), 0)).toBe(-EEXIST);
    expect(m.update(u32(2), u32(20), BigInt(BPF_EXIST), 0)).toBe(-ENOENT);
    expect(m.update(u32(2), u32(20), 4n, 0)).toBe(-EINVAL);
    expect(m.update(u32(2), u32(20), 8n, 0)).toBe(-EINVAL);
    expect(m.update(u32(2), u32(20), BigInt(BPF_ANY), 0)).toBe(0);
    expect(m.update(u32(3), u32(30), BigInt(BPF_ANY), 0)).toBe(-E2BIG);
    expect(m.update(u32(2), u32(21), BigInt(BPF_EXIST), 0)).toBe(0); // full, but the key exists
    expect(m.userLookup(u32(2))).toEqual({ ok: true, value: u32(21) });
    expect(m.delete(u32(3))).toBe(-ENOENT);
    expect(m.delete(u32(1))).toBe(0);
    expect(m.lookup(u32(1), 0)).toBe(0n);
    expect(m.userUpdate(u32(3), u32(30))).toBe(0); // the freed slot is reused
    expect(m.userUpdate(new Uint8Array(3), u32(30))).toBe(-EINVAL);
  });

  it('get-next-key: first key for a missing key, ENOENT after the last or when empty', () => {
    const m = make({ type: 'hash', keySize: 4, valueSize: 4, maxEntries: 4 });
    expect(m.nextKey(undefined)).toEqual({ ok: false, errno: ENOENT });
    m.userUpdate(u32(5), u32(0));
    m.userUpdate(u32(6), u32(0));
    expect(m.nextKey(undefined)).toEqual({ ok: true, value: u32(5) });
    expect(m.nextKey(u32(99))).toEqual({ ok: true, value: u32(5) });
    expect(m.nextKey(u32(5))).toEqual({ ok: true, value: u32(6) });
    expect(m.nextKey(u32(6))).toEqual({ ok: false, errno: ENOENT });
    expect(Object.keys(dumpMap(m))).toEqual(['05000000', '06000000']);
  });

  it('per-CPU hash: a program insert zeroes the other CPUs', () => {
    const m = make({ type: 'percpu_hash', keySize: 4, valueSize: 4, maxEntries: 2 });
    expect(m.userUpdate(u32(1), [u32(1), u32(2)])).toBe(0);
    expect(m.delete(u32(1))).toBe(0);
    expect(m.update(u32(1), u32(7), 0n, 1)).toBe(0);
    expect(m.userLookup(u32(1))).toEqual({ ok: true, value: [u32(0), u32(7)] });
  });

  it('LRU hash evicts the least recently used key; program lookups count as use', () => {
    const m = make({ type: 'lru_hash', keySize: 4, valueSize: 4, maxEntries: 3 }) as HashMap;
    for (const k of [1, 2, 3]) expect(m.update(u32(k), u32(k), 0n, 0)).toBe(0);
    expect(m.lookup(u32(1), 0)).not.toBe(0n);
    m.userLookup(u32(2)); // user-space lookups do not count
    expect(m.update(u32(4), u32(4), 0n, 0)).toBe(0); // evicts 2
    expect(m.userLookup(u32(2))).toEqual({ ok: false, errno: ENOENT });
    expect(m.lruOrder().map((k) => hexOf(k))).toEqual(['03000000', '01000000', '04000000']);
    expect(m.update(u32(1), u32(9), BigInt(BPF_NOEXIST), 0)).toBe(-EEXIST);
    expect(m.update(u32(9), u32(9), BigInt(BPF_EXIST), 0)).toBe(-ENOENT);
    expect(m.update(u32(9), u32(9), 3n, 0)).toBe(-EINVAL);
  });

  it('LRU per-CPU hash evicts too', () => {
    const m = make({ type: 'lru_percpu_hash', keySize: 4, valueSize: 4, maxEntries: 1 });
    expect(m.update(u32(1), u32(1), 0n, 0)).toBe(0);
    expect(m.update(u32(2), u32(2), 0n, 1)).toBe(0);
    expect(m.entries().map((e) => hexOf(e.key))).toEqual(['02000000']);
    expect(m.userLookup(u32(2))).toEqual({ ok: true, value: [u32(0), u32(2)] });
  });
});

describe('queue and stack', () => {
  it('queue: FIFO, E2BIG when full, BPF_EXIST overwrites the oldest, EINVAL flags, ENOENT empty', () => {
    const q = make({ type: 'queue', keySize: 0, valueSize: 4, maxEntries: 2 }) as QueueMap;
    expect(q.push(u32(1), 0n)).toBe(0);
    expect(q.push(u32(2), 0n)).toBe(0);
    expect(q.push(u32(3), 0n)).toBe(-E2BIG);
    expect(q.push(u32(3), BigInt(BPF_EXIST))).toBe(0);
    expect(q.push(u32(3), BigInt(BPF_NOEXIST))).toBe(-EINVAL);
    expect(q.take(false)).toEqual(u32(2));
    expect(q.take(true)).toEqual(u32(2));
    expect(q.take(true)).toEqual(u32(3));
    expect(q.take(true)).toBe(-ENOENT);
    expect(q.take(false)).toBe(-ENOENT);
    expect(q.userLookup(new Uint8Array(0))).toEqual({ ok: false, errno: ENOENT });
    expect(q.userUpdate(new Uint8Array(0), u32(8))).toBe(0);
    expect(q.userLookup(new Uint8Array(0))).toEqual({ ok: true, value: u32(8) });
    expect(q.delete(u32(0))).toBe(-EINVAL);
    expect(q.lookup(u32(0), 0)).toBe(0n);
  });

  it('stack: LIFO', () => {
    const s = make({ type: 'stack', keySize: 0, valueSize: 4, maxEntries: 3 }) as QueueMap;
    [1, 2, 3].forEach((v) => s.push(u32(v), 0n));
    expect(s.push(u32(4), BigInt(BPF_EXIST))).toBe(0); // drops the oldest (1)
    expect([s.take(true), s.take(true), s.take(true), s.take(true)]).toEqual([u32(4), u32(3), u32(2), -ENOENT]);
  });
});

describe('ringbuf', () => {
  it('reserve/commit/discard, positions, and the consumer reading committed records in order', () => {
    const h = host();
    const rb = make({ type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 4096 }, h) as RingBufMap;
    const a = rb.reserve(5, 0n);
    expect(a).not.toBe(0n);
    expect(rb.query(3n)).toBe(16n); // 8-byte header + 5 rounded up to 8
    const b = rb.reserve(3, 0n);
    h.memory.writeBytes(b, new Uint8Array([7, 8, 9]));
    expect(rb.commit(b, false)).toBe(true);
    expect(rb.commit(b, false)).toBe(false); // already committed
    expect(rb.consume()).toEqual([]); // a is still BUSY: the consumer stops there
    h.memory.writeBytes(a, new Uint8Array([1, 2, 3, 4, 5]));
    expect(rb.commit(a, true)).toBe(true); // discarded
    expect(rb.consume()).toEqual([new Uint8Array([7, 8, 9])]);
    expect(rb.query(2n)).toBe(32n);
    expect(rb.query(0n)).toBe(0n);
    expect(rb.query(1n)).toBe(4096n);
    expect(rb.query(9n)).toBe(0n);
    expect(rb.reserve(8, 1n)).toBe(0n); // flags must be 0
    expect(rb.reserve(4089, 0n)).toBe(0n); // larger than the ring
    expect(rb.output(new Uint8Array(4), 4n)).toBe(-EINVAL);
    expect(rb.output(new Uint8Array([1, 2, 3, 4]), 1n)).toBe(0); // BPF_RB_NO_WAKEUP
    expect(rb.pending()).toEqual([new Uint8Array([1, 2, 3, 4])]);
    expect(rb.consume()).toEqual([new Uint8Array([1, 2, 3, 4])]);
  });

  it('-EAGAIN from output when full; records wrap around the end contiguously', () => {
    const h = host();
    const rb = make({ type: 'ringbuf', keySize: 0, valueSize: 0, maxEntries: 4096 }, h) as RingBufMap;
    expect(rb.output(new Uint8Array(3000), 0n)).toBe(0);
    expect(rb.output(new Uint8Array(2000), 0n)).toBe(-11);
    rb.consume();
    const big = new Uint8Array(2000).map((_, k) => k & 0xff);
    expect(rb.output(big, 0n)).toBe(0); // starts at 3008, runs past 4096
    expect(rb.consume()).toEqual([big]);
  });
});

describe('prog_array', () => {
  it('stores program fds; lookups by programs are refused; errors', () => {
    const progs = new Map([[5, { fd: 5 }]]);
    const r = createMap({ name: 'jt', type: 'prog_array', keySize: 4, valueSize: 4, maxEntries: 2 }, host(), (fd) => progs.get(fd));
    if (!r.ok) throw new Error(r.message);
    const m = r.map as ProgArrayMap;
    expect(m.userUpdate(u32(0), u32(5))).toBe(0);
    expect(m.userUpdate(u32(1), u32(6))).toBe(-EINVAL); // not a program fd
    expect(m.userUpdate(u32(2), u32(5))).toBe(-E2BIG);
    expect(m.prog(0)).toEqual({ fd: 5 });
    expect(m.lookup(u32(0), 0)).toBe(0n);
    expect(m.update(u32(0), u32(5), 0n, 0)).toBe(-EINVAL);
    expect(m.userLookup(u32(0))).toEqual({ ok: true, value: u32(5) });
    expect(m.userDelete(u32(1))).toBe(-ENOENT);
    expect(m.userDelete(u32(0))).toBe(0);
    expect(m.prog(0)).toBeUndefined();
  });
});

describe('lpm_trie', () => {
  const key = (len: number, ip: number[]) => new Uint8Array([len, 0, 0, 0, ...ip]);
  it('longest-prefix lookups, flags, ENOSPC, exact-prefix delete, post-order get-next-key', () => {
    const m = make({ type: 'lpm_trie', keySize: 8, valueSize: 4, maxEntries: 3, flags: 1 });
    expect(m.userUpdate(key(8, [10, 0, 0, 0]), u32(1))).toBe(0);
    expect(m.userUpdate(key(24, [10, 1, 2, 0]), u32(3))).toBe(0);
    expect(m.userUpdate(key(16, [10, 1, 0, 0]), u32(2))).toBe(0);
    expect(m.userLookup(key(32, [10, 1, 2, 3]))).toEqual({ ok: true, value: u32(3) });
    expect(m.userLookup(key(32, [10, 1, 7, 3]))).toEqual({ ok: true, value: u32(2) });
    expect(m.userLookup(key(20, [10, 1, 2, 3]))).toEqual({ ok: true, value: u32(2) }); // the key's prefixlen caps the match
    expect(m.userLookup(key(32, [11, 0, 0, 0]))).toEqual({ ok: false, errno: ENOENT });
    expect(m.userUpdate(key(33, [1, 2, 3, 4]), u32(9))).toBe(-EINVAL);
    expect(m.userUpdate(key(8, [10, 9, 9, 9]), u32(9), BPF_NOEXIST)).toBe(-EEXIST); // same /8 prefix
    expect(m.userUpdate(key(9, [10, 0, 0, 0]), u32(9), BPF_EXIST)).toBe(-ENOENT);
    expect(m.userUpdate(key(0, [0, 0, 0, 0]), u32(9))).toBe(-28); // ENOSPC: full
    // post-order: 10.1.2.0/24, 10.1.0.0/16, 10.0.0.0/8
    expect(m.entries().map((e) => hexOf(e.key))).toEqual(['180000000a010200', '100000000a010000', '080000000a000000']);
    expect(m.userDelete(key(12, [10, 1, 0, 0]))).toBe(-ENOENT);
    expect(m.userDelete(key(40, [10, 1, 0, 0]))).toBe(-EINVAL);
    expect(m.userDelete(key(16, [10, 1, 0, 0]))).toBe(0);
    expect(m.userLookup(key(32, [10, 1, 7, 3]))).toEqual({ ok: true, value: u32(1) });
    expect(m.nextKey(undefined)).toEqual({ ok: true, value: key(24, [10, 1, 2, 0]) });
  });
});

describe('devmap / xskmap', () => {
  it('slots start empty; user space fills them; programs cannot update', () => {
    const m = make({ type: 'devmap', keySize: 4, valueSize: 4, maxEntries: 2 });
    expect(m.lookup(u32(0), 0)).toBe(0n);
    expect(m.userUpdate(u32(0), u32(3))).toBe(0);
    expect(m.lookup(u32(0), 0)).not.toBe(0n);
    expect(m.userUpdate(u32(2), u32(3))).toBe(-E2BIG);
    expect(m.userUpdate(u32(1), u32(0))).toBe(0); // ifindex 0: an empty slot (kernel: testdata/map-ops)
    expect(m.update(u32(1), u32(3), 0n, 0)).toBe(-EINVAL);
    expect(dumpMap(m)).toEqual({ '00000000': '03000000' });
    expect(m.userDelete(u32(0))).toBe(0);
    expect(m.userLookup(u32(0))).toEqual({ ok: false, errno: ENOENT });
  });
});

describe('hash_of_maps', () => {
  it('holds inner maps by key; flags, E2BIG when full, ENOENT on delete', () => {
    const h = host();
    const fds = new Map<number, BpfMap>();
    const t = make({ type: 'hash', keySize: 4, valueSize: 4, maxEntries: 4 }, h);
    const i1 = make({ type: 'hash', keySize: 4, valueSize: 4, maxEntries: 4 }, h);
    fds.set(10, i1);
    fds.set(11, make({ type: 'array', keySize: 4, valueSize: 4, maxEntries: 4 }, h));
    const r = createMap({ name: 'o', type: 'hash_of_maps', keySize: 8, valueSize: 4, maxEntries: 1, inner: 't' }, h, { mapByName: () => t, mapByFd: (fd) => fds.get(fd) });
    if (!r.ok) throw new Error(r.message);
    const o = r.map;
    const k = (v: number) => new Uint8Array([v, 0, 0, 0, 0, 0, 0, 0]);
    expect(o.userUpdate(k(1), u32(11))).toBe(-EINVAL); // an array is not like the hash template
    expect(o.userUpdate(k(1), u32(10), BPF_EXIST)).toBe(-ENOENT);
    expect(o.userUpdate(k(1), u32(10))).toBe(0);
    expect(o.userUpdate(k(1), u32(10), BPF_NOEXIST)).toBe(-EEXIST);
    expect(o.userUpdate(k(2), u32(10))).toBe(-E2BIG);
    expect(o.lookup(k(1), 0)).toBe(i1.addr);
    expect(o.update(k(1), u32(10), 0n, 0)).toBe(-EINVAL); // programs cannot update it
    expect(o.userDelete(k(2))).toBe(-ENOENT);
    expect(o.userDelete(k(1))).toBe(0);
    expect(o.lookup(k(1), 0)).toBe(0n);
  });
});
