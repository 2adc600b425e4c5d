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
 * Provenance: Documentation/bpf/map_hash.rst and UAPI semantics; our own code.
 */
import type { Region } from '../../vm/index.ts';
import { badUpdateFlags } from './array.ts';
import { htabHash } from './jhash.ts';
import {
  BPF_EXIST, BPF_F_LOCK, BPF_NOEXIST, E2BIG, EEXIST, EINVAL, ENOENT, MapBase, hexOf, roundUp8,
  type MapEntry, type MapHost, type UserResult, type UserValue,
} from './map.ts';
import { BPF_F_ZERO_SEED, type MapTypeName } from './types.ts';

interface Entry {
  key: Uint8Array;
  slot: number;
  /** hash bucket (htab_map_hash(key) & (n_buckets - 1)) */
  bucket: number;
  /** when the element was put at the head of its bucket (insert, or a replacing update) */
  seq: number;
}

export class HashMap extends MapBase {
  override readonly perCpu: boolean;
  readonly lru: boolean;
  readonly elemSize: number;
  readonly blocks: Region[];
  /** key hex → slot, in insertion order (the get-next-key order). */
  private readonly index = new Map<string, Entry>();
  /** BPF_F_ZERO_SEED: iterate as the kernel does, bucket by bucket, newest first in a bucket. */
  readonly zeroSeed: boolean;
  readonly nBuckets: number;
  private seq = 0;
  /** key hex, least recently used first (LRU types). */
  private readonly recency = new Map<string, true>();
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

  private entry(key: Uint8Array): Entry {
    return { key: key.slice(), slot: -1, bucket: this.zeroSeed ? htabHash(key, 0) & (this.nBuckets - 1) : 0, seq: ++this.seq };
  }

  /** Entries in get-next-key order: insertion order, or with BPF_F_ZERO_SEED the kernel's bucket walk. */
  private ordered(): Entry[] {
    const all = [...this.index.values()];
    return this.zeroSeed ? all.sort((a, b) => a.bucket - b.bucket || b.seq - a.seq) : all;
  }

  get size(): number {
    return this.index.size;
  }

  private off(slot: number, cpu: number): number {
    return this.blocks[this.perCpu ? cpu : 0].offset + slot * this.elemSize;
  }

  private touch(h: string): void {
    if (!this.lru) return;
    this.recency.delete(h);
    this.recency.set(h, true);
  }

  private remove(h: string): void {
    const e = this.index.get(h);
    if (!e) return;
    this.index.delete(h);
    this.recency.delete(h);
    this.freeSlots.push(e.slot);
  }

  /** A slot for a new key: a free one, else (LRU) the least recently used entry's; undefined when full. */
  private allocSlot(): number | undefined {
    if (this.freeSlots.length) return this.freeSlots.pop();
    if (this.fresh < this.maxEntries) return this.fresh++;
    if (!this.lru) return undefined;
    const victim = this.recency.keys().next().value;
    if (victim === undefined) return undefined;
    this.remove(victim);
    return this.freeSlots.pop();
  }

  private keyOk(key: Uint8Array): boolean {
    return key.length === this.keySize;
  }

  override lookup(key: Uint8Array, cpu: number): bigint {
    const h = hexOf(key);
    const e = this.index.get(h);
    if (!e) return 0n;
    this.touch(h);
    return this.blocks[this.perCpu ? cpu : 0].base + BigInt(e.slot * this.elemSize);
  }

  /** Shared by program and user updates: `write(slot, isNew)` stores the value(s). */
  private put(key: Uint8Array, flags: bigint, write: (slot: number, isNew: boolean) => void): number {
    if (badUpdateFlags(flags)) return -EINVAL;
    if (flags & BigInt(BPF_F_LOCK)) return -EINVAL;
    const h = hexOf(key);
    if (this.lru && (!this.perCpu || !(flags & BigInt(BPF_EXIST)))) return this.lruPut(key, h, flags, write);
    const e = this.index.get(h);
    if (e && flags & BigInt(BPF_NOEXIST)) return -EEXIST;
    if (!e && flags & BigInt(BPF_EXIST)) return -ENOENT;
    if (e) {
      write(e.slot, false);
      if (!this.perCpu) e.seq = ++this.seq; // a new element replaces the old one at the bucket head
      this.touch(h);
      return 0;
    }
    const slot = this.allocSlot();
    if (slot === undefined) return -E2BIG;
    this.index.set(h, { ...this.entry(key), slot });
    this.touch(h);
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
  private lruPut(key: Uint8Array, h: string, flags: bigint, write: (slot: number, isNew: boolean) => void): number {
    const slot = this.allocSlot();
    if (slot === undefined) return -E2BIG;
    const e = this.index.get(h);
    const fail = e && flags & BigInt(BPF_NOEXIST) ? -EEXIST : !e && flags & BigInt(BPF_EXIST) ? -ENOENT : 0;
    if (fail || (e && this.perCpu)) {
      this.freeSlots.push(slot);
      if (fail) return fail;
      write(e!.slot, false);
      this.touch(h);
      return 0;
    }
    if (e) {
      this.freeSlots.push(e.slot);
      e.slot = slot;
      e.seq = ++this.seq;
    } else this.index.set(h, { ...this.entry(key), slot });
    this.touch(h);
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
    const h = hexOf(key);
    if (!this.index.has(h)) return -ENOENT;
    this.remove(h);
    return 0;
  }

  override userLookup(key: Uint8Array): UserResult<UserValue> {
    const e = this.index.get(hexOf(key));
    if (!e) return { ok: false, errno: ENOENT };
    const bytes = this.host.memory.bytes;
    const read = (c: number) => bytes.slice(this.off(e.slot, c), this.off(e.slot, c) + this.valueSize);
    return { ok: true, value: this.perCpu ? this.blocks.map((_, c) => read(c)) : read(0) };
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
    const h = key === undefined ? undefined : hexOf(key);
    const at = h === undefined ? -1 : keys.findIndex((e) => hexOf(e.key) === h);
    if (at < 0) return { ok: true, value: keys[0].key.slice() };
    if (at + 1 >= keys.length) return { ok: false, errno: ENOENT };
    return { ok: true, value: keys[at + 1].key.slice() };
  }

  /** Every entry in get-next-key order, in one pass (the generic walk is quadratic). */
  override entries(): MapEntry[] {
    const out: MapEntry[] = [];
    for (const e of this.ordered()) {
      const v = this.userLookup(e.key);
      if (v.ok) out.push({ key: e.key.slice(), value: v.value });
    }
    return out;
  }

  /** Keys in LRU order, least recently used first (LRU types; insertion order otherwise). */
  lruOrder(): Uint8Array[] {
    const order = this.lru ? [...this.recency.keys()] : [...this.index.keys()];
    return order.map((h) => this.index.get(h)!.key.slice());
  }
}
