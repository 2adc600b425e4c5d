/**
 * BPF_MAP_TYPE_ARRAY and BPF_MAP_TYPE_PERCPU_ARRAY: `max_entries` preallocated, zero-filled
 * elements indexed by a u32 key, each `round_up(value_size, 8)` bytes apart in VM memory (per-CPU:
 * one such block per CPU). Elements always exist: update with BPF_NOEXIST is -EEXIST, delete is
 * -EINVAL, an index past the end is -E2BIG on update and NULL on lookup.
 *
 * Also BPF_MAP_TYPE_PROG_ARRAY (program table for bpf_tail_call; user side stores program fds).
 *
 * Does not: BPF_F_MMAPABLE mmap, spin locks in values (BPF_F_LOCK is -EINVAL as without a lock).
 * Provenance: Documentation/bpf/map_array.rst and UAPI semantics, checked against the running
 * kernel by the runtime goldens; our own code.
 */
import type { Region } from '../../vm/index.ts';
import {
  BPF_EXIST, BPF_F_LOCK, BPF_NOEXIST, E2BIG, EEXIST, EINVAL, ENOENT, MapBase, roundUp8, u32bytes, u32le,
  type MapHost, type UserResult, type UserValue,
} from './map.ts';
import type { MapTypeName } from './types.ts';

/** The flag check every update does first: only ANY/NOEXIST/EXIST (plus F_LOCK) exist. */
export function badUpdateFlags(flags: bigint): boolean {
  return (flags & ~BigInt(BPF_F_LOCK)) > BigInt(BPF_EXIST) || flags < 0n;
}

export class ArrayMap extends MapBase {
  override readonly perCpu: boolean;
  readonly elemSize: number;
  /** One block per CPU (per-CPU arrays) or one block. */
  readonly blocks: Region[];

  constructor(host: MapHost, name: string, type: MapTypeName, typeId: number, key: number, value: number, max: number, flags: number) {
    super(host, name, type, typeId, key, value, max, flags);
    this.perCpu = type === 'percpu_array';
    this.elemSize = roundUp8(value);
    const n = this.perCpu ? host.cpus : 1;
    this.blocks = Array.from({ length: n }, (_, c) =>
      host.memory.alloc('map_value', this.elemSize * max, { name: `map ${name} values${this.perCpu ? ` cpu${c}` : ''}` }));
  }

  /** Address of element `idx` on `cpu` (no bounds check). */
  elemAddr(idx: number, cpu: number): bigint {
    const b = this.blocks[this.perCpu ? cpu : 0];
    return b.base + BigInt(idx * this.elemSize);
  }

  private offset(idx: number, cpu: number): number {
    return this.blocks[this.perCpu ? cpu : 0].offset + idx * this.elemSize;
  }

  private index(key: Uint8Array): number {
    return key.length >= 4 ? u32le(key) : 0xffffffff;
  }

  override lookup(key: Uint8Array, cpu: number): bigint {
    const i = this.index(key);
    return i < this.maxEntries ? this.elemAddr(i, cpu) : 0n;
  }

  override update(key: Uint8Array, value: Uint8Array, flags: bigint, cpu: number): number {
    if (badUpdateFlags(flags)) return -EINVAL;
    const i = this.index(key);
    if (i >= this.maxEntries) return -E2BIG;
    if (flags & BigInt(BPF_NOEXIST)) return -EEXIST;
    if (flags & BigInt(BPF_F_LOCK)) return -EINVAL;
    this.host.memory.bytes.set(value.subarray(0, this.valueSize), this.offset(i, cpu));
    return 0;
  }

  override delete(_key: Uint8Array): number {
    return -EINVAL;
  }

  override userLookup(key: Uint8Array): UserResult<UserValue> {
    const i = this.index(key);
    if (i >= this.maxEntries) return { ok: false, errno: ENOENT };
    const read = (c: number) => this.host.memory.bytes.slice(this.offset(i, c), this.offset(i, c) + this.valueSize);
    return { ok: true, value: this.perCpu ? this.blocks.map((_, c) => read(c)) : read(0) };
  }

  override userUpdate(key: Uint8Array, value: UserValue, flags = 0): number {
    // bpf(2) refuses BPF_F_LOCK on a value without a spin lock before the map sees the update
    if (flags & BPF_F_LOCK) return -EINVAL;
    if (badUpdateFlags(BigInt(flags))) return -EINVAL;
    const i = this.index(key);
    if (i >= this.maxEntries) return -E2BIG;
    if (flags & BPF_NOEXIST) return -EEXIST;
    if (this.perCpu) {
      const vs = this.perCpuValues(value);
      if (!vs) return -EINVAL;
      vs.forEach((v, c) => this.host.memory.bytes.set(v, this.offset(i, c)));
    } else {
      if (Array.isArray(value) || value.length !== this.valueSize) return -EINVAL;
      this.host.memory.bytes.set(value, this.offset(i, 0));
    }
    return 0;
  }

  override userDelete(_key: Uint8Array): number {
    return -EINVAL;
  }

  override nextKey(key: Uint8Array | undefined): UserResult<Uint8Array> {
    const i = key === undefined ? 0xffffffff : this.index(key);
    if (i >= this.maxEntries) return { ok: true, value: u32bytes(0) };
    if (i === this.maxEntries - 1) return { ok: false, errno: ENOENT };
    return { ok: true, value: u32bytes(i + 1) };
  }
}

/** A loaded program as a prog_array slot holds it (the kernel keeps the program, user space its fd). */
export interface ProgRef {
  readonly fd: number;
  /** Program type: a prog_array holds programs of one type only (the first one stored). */
  readonly type?: string;
}

/**
 * BPF_MAP_TYPE_PROG_ARRAY: slots of programs for bpf_tail_call. User space stores program fds
 * (resolved through `resolveFd`), all of one program type (-EINVAL for another); programs cannot
 * look it up or update it.
 */
export class ProgArrayMap<P extends ProgRef = ProgRef> extends MapBase {
  readonly slots = new Map<number, P>();
  /** The program type this table is bound to (tail calls never change the type). */
  ownerType: string | undefined;
  constructor(
    host: MapHost, name: string, typeId: number, key: number, value: number, max: number, flags: number,
    private readonly resolveFd: (fd: number) => P | undefined,
  ) {
    super(host, name, 'prog_array', typeId, key, value, max, flags);
  }

  /** The program in slot `idx`, for bpf_tail_call. */
  prog(idx: number): P | undefined {
    return idx < this.maxEntries ? this.slots.get(idx) : undefined;
  }

  override userLookup(key: Uint8Array): UserResult<UserValue> {
    const p = this.slots.get(u32le(key));
    return p ? { ok: true, value: u32bytes(p.fd) } : { ok: false, errno: ENOENT };
  }

  override userUpdate(key: Uint8Array, value: UserValue, flags = 0): number {
    if (flags !== 0) return -EINVAL; // fd arrays take BPF_ANY only
    const i = u32le(key);
    if (i >= this.maxEntries) return -E2BIG;
    if (Array.isArray(value) || value.length !== 4) return -EINVAL;
    const p = this.resolveFd(u32le(value));
    if (!p) return -EINVAL;
    if (this.ownerType !== undefined && p.type !== this.ownerType) return -EINVAL;
    this.ownerType ??= p.type;
    this.slots.set(i, p);
    return 0;
  }

  override userDelete(key: Uint8Array): number {
    const i = u32le(key);
    if (i >= this.maxEntries) return -E2BIG;
    return this.slots.delete(i) ? 0 : -ENOENT;
  }

  override nextKey(key: Uint8Array | undefined): UserResult<Uint8Array> {
    const i = key === undefined ? 0xffffffff : u32le(key);
    if (i >= this.maxEntries) return { ok: true, value: u32bytes(0) };
    if (i === this.maxEntries - 1) return { ok: false, errno: ENOENT };
    return { ok: true, value: u32bytes(i + 1) };
  }

  override entries() {
    return [...this.slots.entries()].sort((a, b) => a[0] - b[0]).map(([i, p]) => ({ key: u32bytes(i), value: u32bytes(p.fd) }));
  }
}
