/**
 * BPF_MAP_TYPE_QUEUE (FIFO) and BPF_MAP_TYPE_STACK (LIFO): keyless maps of `max_entries` values of
 * `value_size` bytes, used through bpf_map_push_elem / pop / peek (user space: BPF_MAP_UPDATE_ELEM
 * with a NULL key pushes, BPF_MAP_LOOKUP_AND_DELETE_ELEM pops, BPF_MAP_LOOKUP_ELEM peeks).
 *
 * Semantics: push into a full map is -E2BIG unless flags is BPF_EXIST, which drops the oldest
 * value to make room; flags other than 0 / BPF_EXIST are -EINVAL; pop or peek of an empty map is
 * -ENOENT; lookup/update/delete by key and get-next-key are -EINVAL / -EINVAL / -EINVAL / -EINVAL.
 *
 * Does not: keep values in VM memory (nothing hands out pointers to them). Provenance:
 * Documentation/bpf/map_queue_stack.rst; our own code.
 */
import { BPF_EXIST, E2BIG, EINVAL, ENOENT, MapBase, type MapEntry, type MapHost, type UserResult } from './map.ts';
import type { MapTypeName } from './types.ts';

export class QueueMap extends MapBase {
  /** Oldest first. */
  readonly items: Uint8Array[] = [];
  readonly lifo: boolean;

  constructor(host: MapHost, name: string, type: MapTypeName, typeId: number, key: number, value: number, max: number, flags: number) {
    super(host, name, type, typeId, key, value, max, flags);
    this.lifo = type === 'stack';
  }

  /** bpf_map_push_elem: 0 or -errno. */
  push(value: Uint8Array, flags: bigint): number {
    if (flags !== 0n && flags !== BigInt(BPF_EXIST)) return -EINVAL;
    if (this.items.length >= this.maxEntries) {
      if (flags !== BigInt(BPF_EXIST)) return -E2BIG;
      this.items.shift();
    }
    this.items.push(value.slice(0, this.valueSize));
    return 0;
  }

  /** bpf_map_pop_elem / peek: the value, or -ENOENT when empty. */
  take(remove: boolean): Uint8Array | number {
    if (!this.items.length) return -ENOENT;
    const v = this.lifo ? this.items[this.items.length - 1] : this.items[0];
    if (remove) {
      if (this.lifo) this.items.pop();
      else this.items.shift();
    }
    return v;
  }

  override update(_key: Uint8Array, value: Uint8Array, flags: bigint): number {
    return this.push(value, flags);
  }

  override userUpdate(_key: Uint8Array, value: Uint8Array | Uint8Array[], flags = 0): number {
    if (Array.isArray(value) || value.length !== this.valueSize) return -EINVAL;
    return this.push(value, BigInt(flags));
  }

  /** User-side pop (BPF_MAP_LOOKUP_AND_DELETE_ELEM with a NULL key). */
  override userLookupAndDelete(_key: Uint8Array): UserResult<Uint8Array> {
    const v = this.take(true);
    return typeof v === 'number' ? { ok: false, errno: -v } : { ok: true, value: v.slice() };
  }

  /** User-side peek (BPF_MAP_LOOKUP_ELEM with a NULL key). */
  override userLookup(_key: Uint8Array): UserResult<Uint8Array> {
    const v = this.take(false);
    return typeof v === 'number' ? { ok: false, errno: -v } : { ok: true, value: v.slice() };
  }

  override entries(): MapEntry[] {
    const order = this.lifo ? [...this.items].reverse() : this.items;
    return order.map((v, k) => ({ key: new Uint8Array([k]), value: v.slice() }));
  }
}

