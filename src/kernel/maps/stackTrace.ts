/**
 * BPF_MAP_TYPE_STACK_TRACE: stack traces stored by bpf_get_stackid(), keyed by a u32 stack id;
 * each value is the trace's return addresses (u64, innermost first), zero-padded to value_size.
 *
 * Semantics as Linux 6.18 (kernel/bpf/stackmap.c, documented behaviour): the map has
 * roundup_pow_of_two(max_entries) buckets; a trace's id is jhash2(ips as u32 words, seed 0) masked
 * to the bucket count, so the same trace always gets the same id — and the kernel's id for the same
 * addresses (checked against ids recorded from this machine's kernel: sim/events/testdata/stackids-6.18.txt). A bucket holding a different trace answers -EEXIST unless
 * BPF_F_REUSE_STACKID replaces it; BPF_F_FAST_STACK_CMP compares hashes only; with max_entries
 * traces stored, a new one is -ENOMEM. Programs cannot look up or update it (user space reads it:
 * lookup, delete, get-next-key in id order).
 *
 * Does not: build-id stacks (BPF_F_STACK_BUILD_ID). Provenance: UAPI bpf.h, the kernel's
 * documentation; jhash2 is Bob Jenkins' public-domain lookup3 hashword(); our own code.
 */
import { EEXIST, EINVAL, ENOENT, ENOMEM, MapBase, u32bytes, u32le, type MapEntry, type UserResult } from './map.ts';

export const BPF_F_SKIP_FIELD_MASK = 0xffn;
export const BPF_F_USER_STACK = 1n << 8n;
export const BPF_F_FAST_STACK_CMP = 1n << 9n;
export const BPF_F_REUSE_STACKID = 1n << 10n;
export const BPF_F_USER_BUILD_ID = 1n << 11n;

const rol = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** jhash2(k, length, initval): lookup3's hashword over u32 words. */
export function jhash2(k: Uint32Array, initval = 0): number {
  let a: number, b: number, c: number;
  a = b = c = (0xdeadbeef + (k.length << 2) + initval) >>> 0;
  let i = 0;
  let n = k.length;
  while (n > 3) {
    a = (a + k[i]) >>> 0; b = (b + k[i + 1]) >>> 0; c = (c + k[i + 2]) >>> 0;
    a = (a - c) >>> 0; a = (a ^ rol(c, 4)) >>> 0; c = (c + b) >>> 0;
    b = (b - a) >>> 0; b = (b ^ rol(a, 6)) >>> 0; a = (a + c) >>> 0;
    c = (c - b) >>> 0; c = (c ^ rol(b, 8)) >>> 0; b = (b + a) >>> 0;
    a = (a - c) >>> 0; a = (a ^ rol(c, 16)) >>> 0; c = (c + b) >>> 0;
    b = (b - a) >>> 0; b = (b ^ rol(a, 19)) >>> 0; a = (a + c) >>> 0;
    c = (c - b) >>> 0; c = (c ^ rol(b, 4)) >>> 0; b = (b + a) >>> 0;
    n -= 3;
    i += 3;
  }
  if (n === 0) return c;
  if (n === 3) c = (c + k[i + 2]) >>> 0;
  if (n >= 2) b = (b + k[i + 1]) >>> 0;
  a = (a + k[i]) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rol(b, 14)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rol(c, 11)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rol(a, 25)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rol(b, 16)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rol(c, 4)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rol(a, 14)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rol(b, 24)) >>> 0;
  return c;
}

function words(ips: readonly bigint[]): Uint32Array {
  const w = new Uint32Array(ips.length * 2);
  ips.forEach((ip, k) => {
    w[2 * k] = Number(ip & 0xffffffffn);
    w[2 * k + 1] = Number((ip >> 32n) & 0xffffffffn);
  });
  return w;
}

export class StackTraceMap extends MapBase {
  private readonly buckets = new Map<number, { hash: number; ips: bigint[] }>();

  get nBuckets(): number {
    let n = 1;
    while (n < this.maxEntries) n *= 2;
    return n;
  }

  /** Frames a value holds. */
  get depth(): number {
    return this.valueSize / 8;
  }

  /**
   * Store `ips` (already skipped and truncated by the caller) as bpf_get_stackid does: the id, or
   * a negative errno (-EEXIST, -ENOMEM).
   */
  store(ips: readonly bigint[], flags: bigint): number {
    const hash = jhash2(words(ips));
    const id = hash & (this.nBuckets - 1);
    const b = this.buckets.get(id);
    const hashMatches = b !== undefined && b.hash === hash;
    if (hashMatches && flags & BPF_F_FAST_STACK_CMP) return id;
    if (hashMatches && b.ips.length === ips.length && b.ips.every((x, k) => x === ips[k])) return id;
    if (b && !(flags & BPF_F_REUSE_STACKID)) return -EEXIST;
    if (!b && this.buckets.size >= this.maxEntries) return -ENOMEM;
    this.buckets.set(id, { hash, ips: ips.slice() });
    return id;
  }

  override userLookup(key: Uint8Array): UserResult<Uint8Array> {
    if (key.length !== 4) return { ok: false, errno: EINVAL };
    const b = this.buckets.get(u32le(key));
    if (!b) return { ok: false, errno: ENOENT };
    const v = new Uint8Array(this.valueSize);
    const dv = new DataView(v.buffer);
    b.ips.slice(0, this.depth).forEach((ip, k) => dv.setBigUint64(8 * k, ip, true));
    return { ok: true, value: v };
  }

  override userDelete(key: Uint8Array): number {
    if (key.length !== 4) return -EINVAL;
    return this.buckets.delete(u32le(key)) ? 0 : -ENOENT;
  }

  override nextKey(key: Uint8Array | undefined): UserResult<Uint8Array> {
    let id = key === undefined ? 0 : u32le(key);
    if (key === undefined || id >= this.nBuckets || !this.buckets.has(id)) id = 0;
    else id++;
    const ids = [...this.buckets.keys()].filter((k) => k >= id).sort((x, y) => x - y);
    return ids.length ? { ok: true, value: u32bytes(ids[0]) } : { ok: false, errno: ENOENT };
  }

  override entries(): MapEntry[] {
    return [...this.buckets.keys()].sort((x, y) => x - y).map((id) => ({ key: u32bytes(id), value: (this.userLookup(u32bytes(id)) as { value: Uint8Array }).value }));
  }

  /** Stored traces by id (for display: symbolize the frames). */
  traces(): Map<number, readonly bigint[]> {
    return new Map([...this.buckets].map(([id, b]) => [id, b.ips]));
  }
}
