/**
 * BPF_MAP_TYPE_HASH, PERCPU_HASH, LRU_HASH and LRU_PERCPU_HASH. Values are preallocated in VM
 * memory (`max_entries` slots of `round_up(value_size, 8)` bytes, one block per CPU for per-CPU
 * types), so a lookup returns a real address; keys are indexed by their bytes.
 *
 * Semantics: update flags BPF_ANY / BPF_NOEXIST (-EEXIST when present) / BPF_EXIST (-ENOENT when
 * absent), anything else -EINVAL; a new key in a full hash is -E2BIG; LRU types instead evict the
 * least recently used entry (a program lookup or update counts as a use; user-space lookups do
 * not). A program's update of a new per-CPU element zeroes the other CPUs' values. An LRU update
 * takes a free element before it checks anything, so on a full LRU map even a failing update (or
 * one replacing an existing key of lru_hash) evicts the least recently used entry, as the kernel's
 * does (recorded: testdata/map-ops, lru_hash).
 *
 * Get-next-key order: with BPF_F_ZERO_SEED the kernel's — buckets in order (jhash of the key with
 * seed 0, round_up_pow_of_two(max_entries) buckets), newest element first in a bucket, an update
 * that replaces an element moving it to the head (recorded: testdata/map-ops, *_zero_seed).
 *
 * Deliberate differences (documented, tested): without BPF_F_ZERO_SEED get-next-key order is
 * insertion order, where the kernel walks its buckets with a random seed; an update of an existing
 * element writes in place (the kernel swaps in a fresh element, so an old pointer keeps the old
 * value); LRU eviction is exact LRU (the kernel's is an approximation with per-CPU free lists and
 * second-chance reference bits, which agrees for the single-CPU sequences the goldens use).
 * Keys are indexed by a 32-bit hash of their bytes (word at a time, no string built per lookup)
 * with a collision chain compared byte by byte; insertion order and LRU recency are kept in Sets
 * of entries, so the orders above do not depend on the index.
 * Provenance: Documentation/bpf/map_hash.rst and UAPI semantics; our own code.
 */
import type { Region } from '../../vm/index.ts';
import { badUpdateFlags } from './array.ts';
import { htabHash } from './jhash.ts';
import {
  BPF_EXIST, BPF_F_LOCK, BPF_NOEXIST, E2BIG, EEXIST, EINVAL, ENOENT, MapBase, roundUp8,
  type MapEntry, type MapHost, type UserResult, type UserValue,
} from './map.ts';
import { BPF_F_ZERO_SEED, type MapTypeName } from './types.ts';

interface Entry {
  key: Uint8Array;
  slot: number;
  /** the value's address in block 0 (the only block unless per-CPU), kept with `slot` */
  addr: bigint;
  /** index hash (keyHash) and the next entry with the same one */
  hash: number;
  next: Entry | undefined;
  /** hash bucket (htab_map_hash(key) & (n_buckets - 1)) */
  bucket: number;
  /** when the element was put at the head of its bucket (insert, or a replacing update) */
  seq: number;
}

/** A 32-bit hash of `len` bytes at `off` (for the index only; a bijection for keys of at most 4 bytes). */
export function keyHash(b: Uint8Array, off: number, len: number): number {
  let h = len;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    h = Math.imul(h ^ (b[off + i] | (b[off + i + 1] << 8) | (b[off + i + 2] << 16) | (b[off + i + 3] << 24)), 0x9e3779b1);
    h ^= h >>> 16;
  }
  for (; i < len; i++) {
    h = Math.imul(h ^ b[off + i], 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h | 0;
}

export class HashMap extends MapBase {
  override readonly perCpu: boolean;
  readonly lru: boolean;
  readonly elemSize: number;
  readonly blocks: Region[];
  /** keyHash → chain of entries with that hash. */
  private readonly table = new Map<number, Entry>();
  /** Entries in insertion order (the get-next-key order without BPF_F_ZERO_SEED). */
  private readonly order = new Set<Entry>();
  /** BPF_F_ZERO_SEED: iterate as the kernel does, bucket by bucket, newest first in a bucket. */
  readonly zeroSeed: boolean;
  readonly nBuckets: number;
  private seq = 0;
  /** Entries, least recently used first (LRU types). */
  private readonly recency = new Set<Entry>();
  /** Freed slots (reused first), then never-used slots from `fresh` up. */
  private readonly freeSlots: number[] = [];
  private fresh = 0;

  constructor(host: MapHost, name: string, type: MapTypeName, typeId: number, key: number, value: number, max: number, flags: number) {
    super(host, name, type, typeId, key, value, max, flags);
    this.perCpu = type === 'percpu_hash' || type === 'lru_percpu_hash';
    this.lru = type === 'lru_hash' || type === 'lru_percpu_hash';
    this.elemSize = roundUp8(value);
    const n = this.perCpu ? host.cpus : 1;
    this.blocks = Array.from({ length: n }, (_, c) =>
      host.memory.alloc('map_value', this.elemSize * max, { name: `map ${name} values${this.perCpu ? ` cpu${c}` : ''}` }));
    this.zeroSeed = (flags & BPF_F_ZERO_SEED) !== 0;
    let nb = 1;
    while (nb < max) nb *= 2;
    this.nBuckets = nb;
  }

  /** The entry whose key is the `keySize` bytes at `off` of `b`, if any. */
  private find(b: Uint8Array, off: number): Entry | undefined {
    const n = this.keySize;
    let e = this.table.get(keyHash(b, off, n));
    while (e !== undefined) {
      const k = e.key;
      let i = 0;
      while (i < n && k[i] === b[off + i]) i++;
      if (i === n) return e;
      e = e.next;
    }
    return undefined;
  }

  /** A new entry for `key` in `slot`, indexed and last in insertion order. */
  private insert(key: Uint8Array, slot: number): Entry {
    const k = key.slice();
    const hash = keyHash(k, 0, k.length);
    const e: Entry = {
      key: k, slot, addr: this.slotAddr(slot), hash, next: this.table.get(hash),
      bucket: this.zeroSeed ? htabHash(k, 0) & (this.nBuckets - 1) : 0, seq: ++this.seq,
    };
    this.table.set(hash, e);
    this.order.add(e);
    return e;
  }

  private slotAddr(slot: number): bigint {
    return this.blocks[0].base + BigInt(slot * this.elemSize);
  }

  private setSlot(e: Entry, slot: number): void {
    e.slot = slot;
    e.addr = this.slotAddr(slot);
  }

  /** Entries in get-next-key order: insertion order, or with BPF_F_ZERO_SEED the kernel's bucket walk. */
  private ordered(): Entry[] {
    const all = [...this.order];
    return this.zeroSeed ? all.sort((a, b) => a.bucket - b.bucket || b.seq - a.seq) : all;
  }

  get size(): number {
    return this.order.size;
  }

  private off(slot: number, cpu: number): number {
    return this.blocks[this.perCpu ? cpu : 0].offset + slot * this.elemSize;
  }

  private touch(e: Entry): void {
    if (!this.lru) return;
    this.recency.delete(e);
    this.recency.add(e);
  }

  private remove(e: Entry): void {
    const head = this.table.get(e.hash);
    if (head === e) {
      if (e.next) this.table.set(e.hash, e.next);
      else this.table.delete(e.hash);
    } else {
      for (let p = head; p !== undefined; p = p.next) {
        if (p.next === e) {
          p.next = e.next;
          break;
        }
      }
    }
    e.next = undefined;
    this.order.delete(e);
    this.recency.delete(e);
    this.freeSlots.push(e.slot);
  }

  /** A slot for a new key: a free one, else (LRU) the least recently used entry's; undefined when full. */
  private allocSlot(): number | undefined {
    if (this.freeSlots.length) return this.freeSlots.pop();
    if (this.fresh < this.maxEntries) return this.fresh++;
    if (!this.lru) return undefined;
    const victim = this.recency.values().next().value;
    if (victim === undefined) return undefined;
    this.remove(victim);
    return this.freeSlots.pop();
  }

  private keyOk(key: Uint8Array): boolean {
    return key.length === this.keySize;
  }

  private valueAddr(e: Entry, cpu: number): bigint {
    return this.perCpu ? this.blocks[cpu].base + BigInt(e.slot * this.elemSize) : e.addr;
  }

  override lookup(key: Uint8Array, cpu: number): bigint {
    if (key.length !== this.keySize) return 0n;
    const e = this.find(key, 0);
    if (!e) return 0n;
    this.touch(e);
    return this.valueAddr(e, cpu);
  }

  /** `lookup` of the key at byte offset `off` of `bytes` (VM memory), without copying it. */
  lookupAt(bytes: Uint8Array, off: number, cpu: number): bigint {
    const e = this.find(bytes, off);
    if (!e) return 0n;
    this.touch(e);
    return this.valueAddr(e, cpu);
  }

  /** Shared by program and user updates: `write(slot, isNew)` stores the value(s). */
  private put(key: Uint8Array, flags: bigint, write: (slot: number, isNew: boolean) => void): number {
    if (badUpdateFlags(flags)) return -EINVAL;
    if (flags & BigInt(BPF_F_LOCK)) return -EINVAL;
    if (this.lru && (!this.perCpu || !(flags & BigInt(BPF_EXIST)))) return this.lruPut(key, flags, write);
    const e = this.find(key, 0);
    if (e && flags & BigInt(BPF_NOEXIST)) return -EEXIST;
    if (!e && flags & BigInt(BPF_EXIST)) return -ENOENT;
    if (e) {
      write(e.slot, false);
      if (!this.perCpu) e.seq = ++this.seq; // a new element replaces the old one at the bucket head
      this.touch(e);
      return 0;
    }
    const slot = this.allocSlot();
    if (slot === undefined) return -E2BIG;
    this.touch(this.insert(key, slot));
    write(slot, true);
    return 0;
  }

  /**
   * An LRU update as the kernel does it: a free element is taken first — evicting the least
   * recently used entry when there is none, even if the update then fails its flag check or
   * replaces an existing key (the element goes back to the free list then). lru_hash writes the
   * new value into the new element and frees the old one; lru_percpu_hash (taken only without
   * BPF_EXIST) updates an existing element in place.
   */
  private lruPut(key: Uint8Array, flags: bigint, write: (slot: number, isNew: boolean) => void): number {
    const slot = this.allocSlot();
    if (slot === undefined) return -E2BIG;
    const e = this.find(key, 0); // after the eviction, which may have taken this very key
    const fail = e && flags & BigInt(BPF_NOEXIST) ? -EEXIST : !e && flags & BigInt(BPF_EXIST) ? -ENOENT : 0;
    if (fail || (e && this.perCpu)) {
      this.freeSlots.push(slot);
      if (fail) return fail;
      write(e!.slot, false);
      this.touch(e!);
      return 0;
    }
    if (e) {
      this.freeSlots.push(e.slot);
      this.setSlot(e, slot);
      e.seq = ++this.seq;
      this.touch(e);
    } else this.touch(this.insert(key, slot));
    write(slot, true);
    return 0;
  }

  override update(key: Uint8Array, value: Uint8Array, flags: bigint, cpu: number): number {
    if (!this.keyOk(key)) return -EINVAL;
    const bytes = this.host.memory.bytes;
    return this.put(key, flags, (slot, isNew) => {
      if (this.perCpu && isNew) for (let c = 0; c < this.blocks.length; c++) bytes.fill(0, this.off(slot, c), this.off(slot, c) + this.elemSize);
      this.host.memory.bytes.set(value.subarray(0, this.valueSize), this.off(slot, cpu));
    });
  }

  override delete(key: Uint8Array): number {
    const e = this.keyOk(key) ? this.find(key, 0) : undefined;
    if (!e) return -ENOENT;
    this.remove(e);
    return 0;
  }

  private read(e: Entry): UserValue {
    const bytes = this.host.memory.bytes;
    const read = (c: number) => bytes.slice(this.off(e.slot, c), this.off(e.slot, c) + this.valueSize);
    return this.perCpu ? this.blocks.map((_, c) => read(c)) : read(0);
  }

  override userLookup(key: Uint8Array): UserResult<UserValue> {
    const e = this.keyOk(key) ? this.find(key, 0) : undefined;
    if (!e) return { ok: false, errno: ENOENT };
    return { ok: true, value: this.read(e) };
  }

  override userUpdate(key: Uint8Array, value: UserValue, flags = 0): number {
    if (!this.keyOk(key)) return -EINVAL;
    let vs: Uint8Array[] | undefined;
    if (this.perCpu) vs = this.perCpuValues(value);
    else if (!Array.isArray(value) && value.length === this.valueSize) vs = [value];
    if (!vs) return -EINVAL;
    const list = vs;
    return this.put(key, BigInt(flags), (slot) => list.forEach((v, c) => this.host.memory.bytes.set(v, this.off(slot, c))));
  }

  override userDelete(key: Uint8Array): number {
    return this.delete(key);
  }

  override userLookupAndDelete(key: Uint8Array): UserResult<UserValue> {
    const r = this.userLookup(key);
    if (r.ok) this.delete(key);
    return r;
  }

  override nextKey(key: Uint8Array | undefined): UserResult<Uint8Array> {
    const keys = this.ordered();
    if (!keys.length) return { ok: false, errno: ENOENT };
    const e = key === undefined || !this.keyOk(key) ? undefined : this.find(key, 0);
    const at = e === undefined ? -1 : keys.indexOf(e);
    if (at < 0) return { ok: true, value: keys[0].key.slice() };
    if (at + 1 >= keys.length) return { ok: false, errno: ENOENT };
    return { ok: true, value: keys[at + 1].key.slice() };
  }

  /** Every entry in get-next-key order, in one pass (the generic walk is quadratic). */
  override entries(): MapEntry[] {
    return this.ordered().map((e) => ({ key: e.key.slice(), value: this.read(e) }));
  }

  /** Keys in LRU order, least recently used first (LRU types; insertion order otherwise). */
  lruOrder(): Uint8Array[] {
    return [...(this.lru ? this.recency : this.order)].map((e) => e.key.slice());
  }
}
