/**
 * BPF_MAP_TYPE_RINGBUF: a multi-producer, single-consumer ring of `max_entries` bytes (a power of
 * two, a multiple of the page size) in VM memory. Each record is an 8-byte header — u32 length
 * with bit 31 BUSY (reserved, not yet committed) and bit 30 DISCARD, then a u32 page offset —
 * followed by the data, the whole rounded up to 8 bytes. Producer and consumer positions only
 * grow; a reservation fails when `prod - cons + record > size`.
 *
 * bpf_ringbuf_reserve hands the program a pointer into the ring (the kernel maps the data pages
 * twice so a record is contiguous across the wrap; here the region is twice the size so a record
 * near the end simply continues past it). The user-side consumer reads committed records in order
 * and skips discarded ones, stopping at the first BUSY one.
 *
 * Does not: epoll wake-ups (flags are checked, then only recorded). Provenance:
 * Documentation/bpf/ringbuf.rst and UAPI (BPF_RB_* constants, header bits); our own code.
 */
import type { Region } from '../../vm/index.ts';
import { EAGAIN, EINVAL, ENOTSUPP, MapBase, type MapEntry, type MapHost, type UserResult, type UserValue } from './map.ts';

export const BPF_RINGBUF_BUSY_BIT = 1 << 31;
export const BPF_RINGBUF_DISCARD_BIT = 1 << 30;
export const BPF_RINGBUF_HDR_SZ = 8;
export const BPF_RB_NO_WAKEUP = 1;
export const BPF_RB_FORCE_WAKEUP = 2;
export const BPF_RB_AVAIL_DATA = 0;
export const BPF_RB_RING_SIZE = 1;
export const BPF_RB_CONS_POS = 2;
export const BPF_RB_PROD_POS = 3;

export class RingBufMap extends MapBase {
  readonly data: Region;
  prod = 0;
  cons = 0;

  constructor(host: MapHost, name: string, typeId: number, max: number, flags: number) {
    super(host, name, 'ringbuf', typeId, 0, 0, max, flags);
    this.data = host.memory.alloc('ringbuf', 2 * max, { name: `map ${name} ring` });
  }

  private hdrOff(pos: number): number {
    return this.data.offset + (pos % this.maxEntries);
  }

  /** Reserve `size` bytes: the sample's address, or 0n (too big, full, bad flags). */
  reserve(size: number, flags: bigint): bigint {
    if (flags !== 0n) return 0n;
    if (size > this.maxEntries - BPF_RINGBUF_HDR_SZ || size < 0 || size > 0x3fffffff) return 0n;
    const total = Math.ceil((size + BPF_RINGBUF_HDR_SZ) / 8) * 8;
    if (this.prod - this.cons + total > this.maxEntries) return 0n;
    const at = this.prod;
    const v = this.host.memory.view;
    const off = this.hdrOff(at);
    v.setUint32(off, (size | BPF_RINGBUF_BUSY_BIT) >>> 0, true);
    v.setUint32(off + 4, 0, true);
    this.host.memory.bytes.fill(0, off + 8, off + total);
    this.prod += total;
    return this.data.base + BigInt((at % this.maxEntries) + BPF_RINGBUF_HDR_SZ);
  }

  /** Commit or discard the record whose sample is at `sample`; false when it is not a live reservation. */
  commit(sample: bigint, discard: boolean): boolean {
    const rel = Number(sample - this.data.base) - BPF_RINGBUF_HDR_SZ;
    if (rel < 0 || rel >= this.maxEntries) return false;
    const v = this.host.memory.view;
    const off = this.data.offset + rel;
    const len = v.getUint32(off, true);
    if (!(len & BPF_RINGBUF_BUSY_BIT)) return false;
    let nl = (len & ~BPF_RINGBUF_BUSY_BIT) >>> 0;
    if (discard) nl = (nl | BPF_RINGBUF_DISCARD_BIT) >>> 0;
    v.setUint32(off, nl, true);
    return true;
  }

  /** bpf_ringbuf_output: copy `data` in as one record; 0, -EINVAL (flags) or -EAGAIN (no room). */
  output(data: Uint8Array, flags: bigint): number {
    if ((flags & ~BigInt(BPF_RB_NO_WAKEUP | BPF_RB_FORCE_WAKEUP)) !== 0n) return -EINVAL;
    const p = this.reserve(data.length, 0n);
    if (p === 0n) return -EAGAIN;
    this.host.memory.bytes.set(data, this.data.offset + Number(p - this.data.base));
    this.commit(p, false);
    return 0;
  }

  /** bpf_ringbuf_query. */
  query(flags: bigint): bigint {
    switch (flags) {
      case BigInt(BPF_RB_AVAIL_DATA): return BigInt(this.prod - this.cons);
      case BigInt(BPF_RB_RING_SIZE): return BigInt(this.maxEntries);
      case BigInt(BPF_RB_CONS_POS): return BigInt(this.cons);
      case BigInt(BPF_RB_PROD_POS): return BigInt(this.prod);
      default: return 0n;
    }
  }

  /** The user-space consumer: committed records in order (discarded ones skipped), advancing `cons`. */
  consume(): Uint8Array[] {
    const out: Uint8Array[] = [];
    const v = this.host.memory.view;
    while (this.cons < this.prod) {
      const off = this.hdrOff(this.cons);
      const len = v.getUint32(off, true);
      if (len & BPF_RINGBUF_BUSY_BIT) break;
      const size = len & 0x3fffffff;
      if (!(len & BPF_RINGBUF_DISCARD_BIT)) out.push(this.host.memory.bytes.slice(off + 8, off + 8 + size));
      this.cons += Math.ceil((size + BPF_RINGBUF_HDR_SZ) / 8) * 8;
    }
    return out;
  }

  /**
   * What a reader that maps the ring sees between the consumer and producer positions: every
   * record's length, busy / discard bits and bytes (busy ones included, unlike `consume`).
   */
  records(): { len: number; busy: boolean; discarded: boolean; data: Uint8Array }[] {
    const out: { len: number; busy: boolean; discarded: boolean; data: Uint8Array }[] = [];
    const v = this.host.memory.view;
    for (let pos = this.cons; pos < this.prod;) {
      const off = this.hdrOff(pos);
      const hdr = v.getUint32(off, true);
      const len = hdr & 0x3fffffff;
      out.push({ len, busy: (hdr & BPF_RINGBUF_BUSY_BIT) !== 0, discarded: (hdr & BPF_RINGBUF_DISCARD_BIT) !== 0, data: this.host.memory.bytes.slice(off + 8, off + 8 + len) });
      pos += Math.ceil((len + BPF_RINGBUF_HDR_SZ) / 8) * 8;
    }
    return out;
  }

  /** Committed, not yet consumed records (without consuming them). */
  pending(): Uint8Array[] {
    const save = this.cons;
    const r = this.consume();
    this.cons = save;
    return r;
  }

  // bpf(2) element commands on a ring buffer are -ENOTSUPP (user space mmaps it instead).
  override userLookup(): UserResult<UserValue> {
    return { ok: false, errno: ENOTSUPP };
  }
  override userUpdate(): number {
    return -ENOTSUPP;
  }
  override userDelete(): number {
    return -ENOTSUPP;
  }
  override nextKey(): UserResult<Uint8Array> {
    return { ok: false, errno: ENOTSUPP };
  }

  override entries(): MapEntry[] {
    return [];
  }
}
