/**
 * BPF_MAP_TYPE_ARRAY_OF_MAPS and BPF_MAP_TYPE_HASH_OF_MAPS: maps whose values are other maps.
 * User space stores inner-map fds (u32); a program's bpf_map_lookup_elem returns the inner map
 * itself (its `struct bpf_map *`), which it can pass to the map helpers. An inner map must match
 * the template given at creation — same type, key size, value size, flags and (without
 * BPF_F_INNER_MAP) max_entries — else the update is -EINVAL; an fd with no map behind it is
 * -EBADF; array_of_maps takes only BPF_ANY (-EINVAL otherwise, like every fd array). Programs
 * cannot update outer maps.
 *
 * Provenance: Documentation/bpf/map_of_maps.rst; our own code.
 */
import { badUpdateFlags } from './array.ts';
import {
  BPF_ANY, BPF_EXIST, BPF_NOEXIST, E2BIG, EBADF, EEXIST, EINVAL, ENOENT, MapBase, hexOf, u32bytes, u32le,
  type BpfMap, type MapEntry, type MapHost, type UserResult, type UserValue,
} from './map.ts';
import type { MapTypeName } from './types.ts';

/** BPF_F_INNER_MAP: inner maps may differ in max_entries. */
export const BPF_F_INNER_MAP = 1 << 12;

export class MapOfMaps extends MapBase {
  private readonly slots = new Map<string, { key: Uint8Array; map: BpfMap; fd: number }>();
  constructor(
    host: MapHost, name: string, type: MapTypeName, typeId: number, key: number, value: number, max: number, flags: number,
    readonly template: BpfMap,
    private readonly resolveMap: (fd: number) => BpfMap | undefined,
  ) {
    super(host, name, type, typeId, key, value, max, flags);
  }

  private get isArray(): boolean {
    return this.type === 'array_of_maps';
  }

  private fits(m: BpfMap): boolean {
    const t = this.template;
    const sizeOk = (t.flags & BPF_F_INNER_MAP) !== 0 || m.maxEntries === t.maxEntries;
    return m.typeId === t.typeId && m.keySize === t.keySize && m.valueSize === t.valueSize && m.flags === t.flags && sizeOk;
  }

  override lookup(key: Uint8Array): bigint {
    return this.slots.get(hexOf(key))?.map.addr ?? 0n;
  }

  override update(): number {
    return -EINVAL;
  }

  override userLookup(key: Uint8Array): UserResult<UserValue> {
    const s = this.slots.get(hexOf(key));
    return s ? { ok: true, value: u32bytes(s.fd) } : { ok: false, errno: ENOENT };
  }

  override userUpdate(key: Uint8Array, value: UserValue, flags = 0): number {
    if (badUpdateFlags(BigInt(flags))) return -EINVAL;
    if (this.isArray && flags !== BPF_ANY) return -EINVAL; // fd arrays take BPF_ANY only
    if (key.length !== this.keySize || Array.isArray(value) || value.length !== 4) return -EINVAL;
    if (this.isArray && u32le(key) >= this.maxEntries) return -E2BIG;
    const h = hexOf(key);
    const have = this.slots.has(h);
    if (!this.isArray && have && flags & BPF_NOEXIST) return -EEXIST;
    if (!this.isArray && !have && flags & BPF_EXIST) return -ENOENT;
    if (!this.isArray && !have && this.slots.size >= this.maxEntries) return -E2BIG;
    const fd = u32le(value);
    const m = this.resolveMap(fd);
    if (!m) return -EBADF; // no map behind the fd (the kernel: no such file; a non-map file is -EINVAL)
    if (!this.fits(m)) return -EINVAL;
    this.slots.set(h, { key: key.slice(), map: m, fd });
    return 0;
  }

  override userDelete(key: Uint8Array): number {
    if (this.isArray && u32le(key) >= this.maxEntries) return -E2BIG;
    return this.slots.delete(hexOf(key)) ? 0 : -ENOENT;
  }

  override nextKey(key: Uint8Array | undefined): UserResult<Uint8Array> {
    if (this.isArray) {
      const i = key === undefined ? 0xffffffff : u32le(key);
      if (i >= this.maxEntries) return { ok: true, value: u32bytes(0) };
      if (i === this.maxEntries - 1) return { ok: false, errno: ENOENT };
      return { ok: true, value: u32bytes(i + 1) };
    }
    const keys = [...this.slots.values()];
    if (!keys.length) return { ok: false, errno: ENOENT };
    const at = key === undefined ? -1 : keys.findIndex((s) => hexOf(s.key) === hexOf(key));
    if (at < 0) return { ok: true, value: keys[0].key.slice() };
    if (at + 1 >= keys.length) return { ok: false, errno: ENOENT };
    return { ok: true, value: keys[at + 1].key.slice() };
  }

  override entries(): MapEntry[] {
    return [...this.slots.values()].map((s) => ({ key: s.key.slice(), value: u32bytes(s.fd) }));
  }
}
