/**
 * A sparse simulated address space: objects placed at 64-bit addresses (user space
 * `0x7ffc_...`/`0x55..`, kernel `0xffff8881_...`), read back by address the way
 * `bpf_probe_read_user/kernel` would. Reads that touch unmapped bytes fail (undefined), as a
 * probe read of a bad pointer returns -EFAULT.
 *
 * Deliberately not here: pages, permissions, copy-on-write; the VM's own `Memory` (src/vm) is
 * separate — the runtime copies from here into it. Provenance: our own code.
 */

interface Region { base: bigint; bytes: Uint8Array }

export class AddressSpace {
  /** Regions sorted by base; never overlapping. */
  private regions: Region[] = [];
  private next: bigint;
  private readonly limit: bigint;

  /** `base` is where the bump allocator starts; `limit` where it wraps to `base` (reusing old addresses). */
  constructor(readonly name: string, base: bigint, size: bigint) {
    this.next = base;
    this.limit = base + size;
    this.start = base;
  }
  private readonly start: bigint;

  /** Place `bytes` at a fresh, `align`-aligned address and return it. Reuses space from the start when the range is exhausted. */
  alloc(bytes: Uint8Array, align = 16n): bigint {
    const size = BigInt(Math.max(bytes.length, 1));
    let at = (this.next + align - 1n) & ~(align - 1n);
    if (at + size > this.limit) {
      at = this.start;
      this.regions = this.regions.filter((r) => r.base >= at + size + 0x10000n);
    }
    const last = this.regions[this.regions.length - 1];
    if (last && last.base + BigInt(last.bytes.length) > at) this.drop(at, at + size);
    this.insert({ base: at, bytes });
    this.next = at + size;
    return at;
  }

  /** Map `bytes` at exactly `addr` (replacing whatever overlapped). */
  map(addr: bigint, bytes: Uint8Array): void {
    this.drop(addr, addr + BigInt(bytes.length));
    this.insert({ base: addr, bytes });
  }

  /** The backing bytes of the region starting exactly at `addr` (for in-place updates). */
  regionAt(addr: bigint): Uint8Array | undefined {
    const r = this.find(addr);
    return r && r.base === addr ? r.bytes : undefined;
  }

  /** Copy `len` bytes from `addr`; undefined when any byte is unmapped (or spans two regions). */
  read(addr: bigint, len: number): Uint8Array | undefined {
    const r = this.find(addr);
    if (!r) return undefined;
    const off = Number(addr - r.base);
    if (off + len > r.bytes.length) return undefined;
    return r.bytes.slice(off, off + len);
  }

  /** A NUL-terminated string at `addr` (at most `max` bytes), like bpf_probe_read_user_str. */
  readString(addr: bigint, max = 4096): string | undefined {
    const r = this.find(addr);
    if (!r) return undefined;
    const off = Number(addr - r.base);
    let end = off;
    while (end < r.bytes.length && end - off < max && r.bytes[end] !== 0) end++;
    return new TextDecoder().decode(r.bytes.subarray(off, end));
  }

  readU64(addr: bigint): bigint | undefined {
    const b = this.read(addr, 8);
    return b && new DataView(b.buffer).getBigUint64(0, true);
  }

  private find(addr: bigint): Region | undefined {
    let lo = 0, hi = this.regions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.regions[mid];
      if (addr < r.base) hi = mid - 1;
      else if (addr >= r.base + BigInt(r.bytes.length)) lo = mid + 1;
      else return r;
    }
    return undefined;
  }

  private drop(lo: bigint, hi: bigint): void {
    this.regions = this.regions.filter((r) => r.base + BigInt(r.bytes.length) <= lo || r.base >= hi);
  }

  private insert(r: Region): void {
    const last = this.regions[this.regions.length - 1];
    if (!last || last.base < r.base) { this.regions.push(r); return; }
    let i = this.regions.length;
    while (i > 0 && this.regions[i - 1].base > r.base) i--;
    this.regions.splice(i, 0, r);
  }
}

/** Little-endian helpers for laying out structs. */
export function putU64(b: Uint8Array, off: number, v: bigint | number): void {
  new DataView(b.buffer, b.byteOffset).setBigUint64(off, BigInt.asUintN(64, BigInt(v)), true);
}
export function putU32(b: Uint8Array, off: number, v: number): void {
  new DataView(b.buffer, b.byteOffset).setUint32(off, v >>> 0, true);
}
export function putU16(b: Uint8Array, off: number, v: number): void {
  new DataView(b.buffer, b.byteOffset).setUint16(off, v & 0xffff, true);
}
export function putStr(b: Uint8Array, off: number, s: string, max: number): void {
  const e = new TextEncoder().encode(s).subarray(0, max - 1);
  b.fill(0, off, off + max);
  b.set(e, off);
}
/** UTF-8 bytes of `s` with its NUL. */
export function cstr(s: string): Uint8Array {
  const e = new TextEncoder().encode(s);
  const out = new Uint8Array(e.length + 1);
  out.set(e);
  return out;
}
