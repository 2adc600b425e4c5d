/**
 * The common shape of a simulated BPF map: what programs reach through helpers (with the calling
 * CPU) and what user space reaches through the bpf(2) map commands, as `bpftool map` offers them
 * (lookup, update, delete, get-next-key, dump). Results are numbers in the kernel's convention:
 * 0 or a negative errno (`-E2BIG`, `-ENOENT`, `-EEXIST`, `-EINVAL`, …).
 *
 * Values of lookup-able maps live in the VM `Memory`, so the pointer bpf_map_lookup_elem returns
 * is a real address a program can load from and store to.
 *
 * Does not: validate definitions (maps/types.ts `checkMapDef` does, at creation), or hold program
 * semantics of keys beyond bytes. Provenance: UAPI bpf.h (flags, errno meanings) and the public
 * map documentation (Documentation/bpf/map_*.rst); the code is our own.
 */
import type { Memory } from '../../vm/index.ts';
import type { MapTypeName } from './types.ts';

// errno values (asm-generic/errno-base.h, errno.h), returned negated.
export const ENOENT = 2;
export const E2BIG = 7;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EBUSY = 16;
export const EEXIST = 17;
export const EINVAL = 22;
export const ENOSPC = 28;
export const EPERM = 1;
export const EOPNOTSUPP = 95;
export const ENOTSUPP = 524;

/** errno number → name, for messages. */
export const ERRNO_NAMES: Readonly<Record<number, string>> = {
  1: 'EPERM', 2: 'ENOENT', 7: 'E2BIG', 9: 'EBADF', 11: 'EAGAIN', 12: 'ENOMEM', 16: 'EBUSY', 17: 'EEXIST',
  22: 'EINVAL', 28: 'ENOSPC', 95: 'EOPNOTSUPP', 524: 'ENOTSUPP',
};

// Update flags (UAPI).
export const BPF_ANY = 0;
export const BPF_NOEXIST = 1;
export const BPF_EXIST = 2;
export const BPF_F_LOCK = 4;

/** A map definition, as `--map NAME:TYPE:KEY:VALUE:MAX[:FLAGS]` gives it. */
export interface MapSpec {
  readonly name: string;
  /** Kernel name without BPF_MAP_TYPE_ (`hash`) or the UAPI number. */
  readonly type: MapTypeName | number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags?: number;
  /** array_of_maps / hash_of_maps: the name of the map inner maps must look like. */
  readonly inner?: string;
}

/** What a map needs from the simulated machine. */
export interface MapHost {
  readonly memory: Memory;
  /** Number of possible CPUs (per-CPU maps hold one value per CPU). */
  readonly cpus: number;
}

/** A value as user space sees it: one buffer, or one per CPU for per-CPU maps. */
export type UserValue = Uint8Array | Uint8Array[];

export interface MapEntry {
  readonly key: Uint8Array;
  readonly value: UserValue;
}

export type UserResult<T> = { ok: true; value: T } | { ok: false; errno: number };

export interface BpfMap {
  readonly name: string;
  readonly type: MapTypeName;
  readonly typeId: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly perCpu: boolean;
  /** The kernel address of the map object (what `ld_imm64 rX, map` puts in a register). */
  readonly addr: bigint;

  // ---- program side (helpers) ----
  /** bpf_map_lookup_elem: the value's address on `cpu`, or 0n when there is none. */
  lookup(key: Uint8Array, cpu: number): bigint;
  /** bpf_map_update_elem from a program: 0 or -errno. */
  update(key: Uint8Array, value: Uint8Array, flags: bigint, cpu: number): number;
  /** bpf_map_delete_elem: 0 or -errno. */
  delete(key: Uint8Array): number;

  // ---- user side (bpf(2) commands) ----
  /** BPF_MAP_LOOKUP_ELEM: a copy of the value (per CPU for per-CPU maps). */
  userLookup(key: Uint8Array): UserResult<UserValue>;
  /** BPF_MAP_UPDATE_ELEM: a per-CPU map takes one value per CPU (or one value for every CPU). */
  userUpdate(key: Uint8Array, value: UserValue, flags?: number): number;
  userDelete(key: Uint8Array): number;
  /** BPF_MAP_LOOKUP_AND_DELETE_ELEM: the value, removed (queue/stack pop; hash types); else -ENOTSUPP. */
  userLookupAndDelete(key: Uint8Array): UserResult<UserValue>;
  /** BPF_MAP_GET_NEXT_KEY: the key after `key` (the first key when `key` is undefined or absent). */
  nextKey(key: Uint8Array | undefined): UserResult<Uint8Array>;
  /** Every entry in get-next-key order (arrays: every index). */
  entries(): MapEntry[];
}

/** Lowercase hex of bytes (map dumps, keys). */
export function hexOf(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export const roundUp8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Little-endian u32 of the first 4 bytes. */
export function u32le(b: Uint8Array): number {
  return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
}

export function u32bytes(v: number): Uint8Array {
  return new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]);
}

/** Base for maps: identity fields, the map object region, and defaults that refuse. */
export abstract class MapBase implements BpfMap {
  readonly perCpu: boolean = false;
  readonly addr: bigint;
  constructor(
    protected readonly host: MapHost,
    readonly name: string,
    readonly type: MapTypeName,
    readonly typeId: number,
    readonly keySize: number,
    readonly valueSize: number,
    readonly maxEntries: number,
    readonly flags: number,
  ) {
    // A small read-only region stands for `struct bpf_map`: its address is the map pointer.
    this.addr = host.memory.alloc('heap', 64, { name: `map ${name}`, perm: 'r' }).base;
  }
  lookup(_key: Uint8Array, _cpu: number): bigint {
    return 0n;
  }
  update(_key: Uint8Array, _value: Uint8Array, _flags: bigint, _cpu: number): number {
    return -EINVAL;
  }
  delete(_key: Uint8Array): number {
    return -EINVAL;
  }
  userLookup(_key: Uint8Array): UserResult<UserValue> {
    return { ok: false, errno: EINVAL };
  }
  userUpdate(_key: Uint8Array, _value: UserValue, _flags = 0): number {
    return -EINVAL;
  }
  userDelete(_key: Uint8Array): number {
    return -EINVAL;
  }
  userLookupAndDelete(_key: Uint8Array): UserResult<UserValue> {
    return { ok: false, errno: ENOTSUPP };
  }
  nextKey(_key: Uint8Array | undefined): UserResult<Uint8Array> {
    return { ok: false, errno: EINVAL };
  }
  entries(): MapEntry[] {
    const out: MapEntry[] = [];
    let k: Uint8Array | undefined;
    for (let guard = 0; guard <= this.maxEntries + 1; guard++) {
      const n = this.nextKey(k);
      if (!n.ok) break;
      k = n.value;
      const v = this.userLookup(k);
      if (v.ok) out.push({ key: k, value: v.value });
    }
    return out;
  }
  /** One value per CPU from a user-side per-CPU update (a single buffer counts for every CPU). */
  protected perCpuValues(value: UserValue): Uint8Array[] | undefined {
    const list = Array.isArray(value) ? value : Array.from({ length: this.host.cpus }, () => value);
    if (list.length !== this.host.cpus || list.some((v) => v.length !== this.valueSize)) return undefined;
    return list;
  }
}
