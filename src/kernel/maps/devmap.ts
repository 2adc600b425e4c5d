/**
 * XDP redirect targets: BPF_MAP_TYPE_DEVMAP (network devices by index), BPF_MAP_TYPE_XSKMAP
 * (AF_XDP sockets) and BPF_MAP_TYPE_CPUMAP (CPUs), all keyed by a u32 index < max_entries. Slots
 * start empty and are filled from user space (a device's ifindex, a socket or queue size); programs
 * may only look them up (bpf_redirect_map, and bpf_map_lookup_elem for devmap / xskmap) — updates
 * from programs are refused by the verifier ("write into map forbidden").
 *
 * User side (recorded: testdata/map-ops): a devmap ifindex or cpumap queue size of 0 empties the
 * slot; deleting an empty slot is 0, past max_entries -EINVAL; xskmap slots cannot be looked up
 * (-EOPNOTSUPP).
 *
 * Deliberate differences: any non-zero ifindex is accepted (the simulated host has no device table
 * here; the kernel answers -EINVAL for a missing device); any xskmap value counts as an AF_XDP
 * socket fd (the simulated NIC binds its sockets so; the kernel answers -ENOTSOCK for an fd that
 * is not a socket). Provenance: Documentation/bpf/map_devmap.rst,
 * map_xskmap.rst, map_cpumap.rst; our own code.
 */
import type { Region } from '../../vm/index.ts';
import { badUpdateFlags } from './array.ts';
import { BPF_NOEXIST, E2BIG, EEXIST, EINVAL, ENOENT, EOPNOTSUPP, MapBase, roundUp8, u32bytes, u32le, type MapEntry, type MapHost, type UserResult, type UserValue } from './map.ts';
import type { MapTypeName } from './types.ts';

export class RedirectMap extends MapBase {
  readonly block: Region;
  readonly elemSize: number;
  private readonly present = new Set<number>();

  constructor(host: MapHost, name: string, type: MapTypeName, typeId: number, key: number, value: number, max: number, flags: number) {
    super(host, name, type, typeId, key, value, max, flags);
    this.elemSize = roundUp8(value);
    this.block = host.memory.alloc('map_value', this.elemSize * max, { name: `map ${name} targets`, perm: 'r' });
  }

  /** The slot's value (ifindex first) when set. */
  target(idx: number): Uint8Array | undefined {
    if (!this.present.has(idx)) return undefined;
    const o = this.block.offset + idx * this.elemSize;
    return this.host.memory.bytes.slice(o, o + this.valueSize);
  }

  override lookup(key: Uint8Array): bigint {
    const i = u32le(key);
    if (this.type === 'cpumap' || !this.present.has(i)) return 0n;
    return this.block.base + BigInt(i * this.elemSize);
  }

  override update(): number {
    return -EINVAL;
  }

  override userLookup(key: Uint8Array): UserResult<UserValue> {
    if (this.type === 'xskmap') return { ok: false, errno: EOPNOTSUPP }; // sockets cannot be read back
    const v = this.target(u32le(key));
    return v ? { ok: true, value: v } : { ok: false, errno: ENOENT };
  }

  override userUpdate(key: Uint8Array, value: UserValue, flags = 0): number {
    if (badUpdateFlags(BigInt(flags))) return -EINVAL;
    const i = u32le(key);
    if (i >= this.maxEntries) return -E2BIG;
    if (flags & BPF_NOEXIST) return -EEXIST;
    if (Array.isArray(value) || value.length !== this.valueSize) return -EINVAL;
    if (u32le(value) === 0 && this.type !== 'xskmap') {
      // devmap ifindex 0 / cpumap qsize 0: the slot is emptied
      this.present.delete(i);
      return 0;
    }
    this.host.memory.bytes.set(value, this.block.offset + i * this.elemSize);
    this.present.add(i);
    return 0;
  }

  override userDelete(key: Uint8Array): number {
    const i = u32le(key);
    if (i >= this.maxEntries) return -EINVAL;
    this.present.delete(i);
    return 0;
  }

  override nextKey(key: Uint8Array | undefined): UserResult<Uint8Array> {
    const i = key === undefined ? 0xffffffff : u32le(key);
    if (i >= this.maxEntries) return { ok: true, value: u32bytes(0) };
    if (i === this.maxEntries - 1) return { ok: false, errno: ENOENT };
    return { ok: true, value: u32bytes(i + 1) };
  }

  override entries(): MapEntry[] {
    return [...this.present].sort((a, b) => a - b).map((i) => ({ key: u32bytes(i), value: this.target(i)! }));
  }
}
