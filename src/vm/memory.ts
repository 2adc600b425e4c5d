/**
 * The VM's memory: one growable `WebAssembly.Memory` carved into named regions, each mapped at a
 * kernel-looking 64-bit virtual address. Both engines (this reference interpreter and the later
 * eBPF → WebAssembly engine) read and write the same bytes; a register holding a pointer holds the
 * virtual address, never the offset into the WebAssembly memory.
 *
 *   virtual address (64 bits)                         WebAssembly.Memory (linear, offsets)
 *   +---------------+-------------------+             +------+---------+-----+--------+--
 *   | hi 32: area   | lo 32: in-area    |  translate  | hole | stack 0 | mem | packet | ...
 *   | 0xffff8880 .. | page-aligned base |  ------->   +------+---------+-----+--------+--
 *   +---------------+-------------------+   (region base -> region offset, bounds + perms checked)
 *
 * Areas (the high 32 bits) imitate x86-64 Linux's layout so register traces read like real ones:
 *   0xffff8880  direct map ("kmalloc" heap): context / `mem`, map values, ring-buffer pages
 *   0xffff8881  packet data pages (XDP frames with 256 B headroom, skb data)
 *   0xffffc900  vmalloc area: per-frame 512-byte BPF stacks
 *   0xffffffff  kernel image: read-only data (.rodata), and the program text (code addresses)
 * Regions are page-aligned with at least one unmapped guard page between neighbours, so an
 * off-by-one read just past a region faults instead of landing in the next one.
 *
 * Deliberately not here: instruction decoding, fault *messages* (oops.ts renders them), map
 * semantics (src/kernel). Provenance: the layout follows Documentation/arch/x86/x86_64/mm.rst
 * (public); the code is our own.
 */

/** What a region holds; the area of its virtual address follows from it. */
export type RegionKind = 'stack' | 'ctx' | 'packet' | 'map_value' | 'ringbuf' | 'rodata' | 'heap';

/** Access rights of a region. */
export type Perm = 'r' | 'rw';

export interface Region {
  readonly id: number;
  readonly kind: RegionKind;
  /** Human name for traces and oops messages ("stack frame 0", "mem", "map counts value"). */
  readonly name: string;
  /** Virtual address of the first byte (unsigned 64-bit). */
  readonly base: bigint;
  /** High / low 32 bits of `base` (lo as unsigned), for the interpreter's split-register fast path. */
  readonly hi: number;
  readonly lo: number;
  /** Bytes. */
  readonly size: number;
  /** Byte offset in the WebAssembly memory. */
  readonly offset: number;
  readonly perm: Perm;
}

/** The area (high 32 bits of the virtual address) each kind is mapped in. */
export const AREA_HI: Record<RegionKind, number> = {
  ctx: 0xffff8880,
  map_value: 0xffff8880,
  ringbuf: 0xffff8880,
  heap: 0xffff8880,
  packet: 0xffff8881,
  stack: 0xffffc900,
  rodata: 0xffffffff,
};

/** First low-32 address handed out in each area (kernel-looking, away from 0). */
const AREA_START: Record<number, number> = {
  0xffff8880: 0x0100_0000,
  0xffff8881: 0x0200_0000,
  0xffffc900: 0x000a_0000,
  0xffffffff: 0x8200_0000,
};

/** Program text: code addresses are PROG_TEXT_BASE + 8 * pc (what a function pointer holds). */
export const PROG_TEXT_HI = 0xffffffff;
export const PROG_TEXT_LO = 0xa000_0000;
export const PROG_TEXT_BASE = (BigInt(PROG_TEXT_HI) << 32n) | BigInt(PROG_TEXT_LO);

/** XDP headroom the kernel reserves in front of packet data (XDP_PACKET_HEADROOM). */
export const XDP_PACKET_HEADROOM = 256;

const PAGE = 4096;
const WASM_PAGE = 65536;
const MASK64 = (1n << 64n) - 1n;

/** Result of translating a virtual address: the offset, or why it failed. */
export type Translation =
  | { ok: true; offset: number; region: Region }
  | { ok: false; reason: 'unmapped' | 'perm' | 'noncanonical'; region?: Region };

/**
 * The memory of one VM instance. Regions can be allocated and freed at any time (the kernel
 * runtime allocates map values and packets); the WebAssembly memory grows as needed, so after an
 * allocation any cached `view`/`bytes` must be re-read from this object.
 */
export class Memory {
  readonly wasm: WebAssembly.Memory;
  /** DataView over the whole WebAssembly memory (replaced when the memory grows). */
  view: DataView;
  /** Byte view over the whole WebAssembly memory (replaced when the memory grows). */
  bytes: Uint8Array;
  /** Live regions, in allocation order. */
  readonly regions: Region[] = [];
  private nextId = 1;
  /** Next never-used low-32 virtual address per area. */
  private readonly vnext = new Map<number, number>();
  /** Freed virtual ranges [lo, span] per area, sorted, reused first-fit (so alloc/free cycles stay in range). */
  private readonly vfree = new Map<number, Array<[number, number]>>();
  /** Virtual range [lo, span] (page-aligned start, span incl. guard page) of each live region. */
  private readonly vspans = new Map<number, [number, number]>();
  /** Free ranges [offset, size] of the linear memory, sorted by offset. */
  private free: Array<[number, number]> = [];
  private top = 64; // offsets below 64 are never handed out (a null offset stays invalid)
  /** Per-frame stacks, created on first use and reused across runs. */
  private readonly stacks: Region[] = [];

  constructor(initialPages = 2) {
    this.wasm = new WebAssembly.Memory({ initial: initialPages, maximum: 16384 });
    this.view = new DataView(this.wasm.buffer);
    this.bytes = new Uint8Array(this.wasm.buffer);
  }

  /**
   * Map a new region of `size` bytes (zero-filled). `size` 0 is allowed (an empty region still
   * gets an address, like a zero-length packet). Returns the region; never throws for sane sizes.
   */
  alloc(kind: RegionKind, size: number, opts: { name?: string; perm?: Perm; align?: number } = {}): Region {
    const bytes = Math.max(0, Math.ceil(size));
    const offset = this.carve(Math.max(bytes, 1), Math.max(8, opts.align ?? 8));
    this.bytes.fill(0, offset, offset + bytes);
    const hi = AREA_HI[kind];
    // The region's pages, rounded up, plus one unmapped guard page after them.
    const span = Math.ceil(Math.max(bytes, 1) / PAGE) * PAGE;
    const vlo = this.vcarve(hi, span + PAGE);
    const region: Region = {
      id: this.nextId++,
      kind,
      name: opts.name ?? kind,
      base: (BigInt(hi) << 32n) | BigInt(vlo),
      hi,
      lo: vlo,
      size: bytes,
      offset,
      perm: opts.perm ?? (kind === 'rodata' ? 'r' : 'rw'),
    };
    this.regions.push(region);
    this.vspans.set(region.id, [vlo, span + PAGE]);
    return region;
  }

  /**
   * A region whose virtual base is chosen so that `base + size` ends exactly at a page boundary
   * minus `endGap` — used for stacks so that r10 (the top) looks like a kernel stack pointer and
   * the byte just above the top is unmapped.
   */
  private allocTopAligned(kind: RegionKind, size: number, name: string): Region {
    const offset = this.carve(size, 8);
    this.bytes.fill(0, offset, offset + size);
    const hi = AREA_HI[kind];
    const span = Math.ceil(size / PAGE) * PAGE;
    const start = this.vcarve(hi, span + PAGE);
    const vlo = (start + span - size) >>> 0;
    const region: Region = {
      id: this.nextId++, kind, name, base: (BigInt(hi) << 32n) | BigInt(vlo), hi, lo: vlo,
      size, offset, perm: 'rw',
    };
    this.regions.push(region);
    this.vspans.set(region.id, [start, span + PAGE]);
    return region;
  }

  /** Copy `data` into a new region; convenience for ctx buffers and read-only data. */
  allocBytes(kind: RegionKind, data: Uint8Array, opts: { name?: string; perm?: Perm } = {}): Region {
    const r = this.alloc(kind, data.length, opts);
    this.bytes.set(data, r.offset);
    return r;
  }

  /**
   * A packet buffer laid out like an XDP frame: `headroom` bytes, then the packet, then
   * `tailroom` bytes, in one region. Returns the region and the virtual addresses of the first
   * byte of data and one past the last (what xdp_md->data / data_end point at).
   */
  allocPacket(
    data: Uint8Array,
    opts: { headroom?: number; tailroom?: number; name?: string } = {},
  ): { region: Region; data: bigint; dataEnd: bigint } {
    const head = opts.headroom ?? XDP_PACKET_HEADROOM;
    const tail = opts.tailroom ?? 0;
    const region = this.alloc('packet', head + data.length + tail, { name: opts.name ?? 'packet' });
    this.bytes.set(data, region.offset + head);
    const start = region.base + BigInt(head);
    return { region, data: start, dataEnd: start + BigInt(data.length) };
  }

  /** Unmap a region; its virtual addresses fault from now on and its bytes are reused. */
  freeRegion(region: Region): void {
    const k = this.regions.indexOf(region);
    if (k < 0) return;
    this.regions.splice(k, 1);
    const si = this.stacks.indexOf(region);
    if (si >= 0) this.stacks.splice(si, 1);
    this.release(region.offset, Math.max(region.size, 1));
    const v = this.vspans.get(region.id);
    if (v) {
      this.vspans.delete(region.id);
      this.vfree.set(region.hi, mergeRanges([...(this.vfree.get(region.hi) ?? []), v]));
    }
  }

  /** The 512-byte stack of call frame `frame` (0-based), created on first use. */
  stack(frame: number, size = 512): Region {
    while (this.stacks.length <= frame) {
      this.stacks.push(this.allocTopAligned('stack', size, `stack frame ${this.stacks.length}`));
    }
    return this.stacks[frame];
  }

  /** The region containing virtual address `addr`, if any. */
  regionAt(addr: bigint): Region | undefined {
    const a = BigInt.asUintN(64, addr);
    for (const r of this.regions) if (a >= r.base && a < r.base + BigInt(r.size)) return r;
    return undefined;
  }

  /**
   * Translate `size` bytes at `addr` for reading or writing. Fails when any byte is outside a
   * single region, or a write hits a read-only region.
   */
  translate(addr: bigint, size: number, write: boolean): Translation {
    const a = BigInt.asUintN(64, addr);
    const top = a >> 47n;
    if (top !== 0n && top !== 0x1ffffn) return { ok: false, reason: 'noncanonical' };
    for (const r of this.regions) {
      if (a >= r.base && a + BigInt(size) <= r.base + BigInt(r.size)) {
        if (write && r.perm !== 'rw') return { ok: false, reason: 'perm', region: r };
        return { ok: true, offset: r.offset + Number(a - r.base), region: r };
      }
    }
    return { ok: false, reason: 'unmapped' };
  }

  /**
   * Fast-path translation on split halves (hi, lo as int32 bit patterns) for the interpreter:
   * the offset, or -1 (unmapped / out of bounds), or -2 (write to a read-only region).
   */
  translateHL(hi: number, lo: number, size: number, write: boolean): number {
    const l = lo >>> 0;
    const rs = this.regions;
    for (let k = 0; k < rs.length; k++) {
      const r = rs[k];
      if (r.hi !== hi >>> 0) continue;
      const d = l - r.lo;
      if (d >= 0 && d + size <= r.size) {
        if (write && r.perm !== 'rw') return -2;
        return r.offset + d;
      }
    }
    return -1;
  }

  /** Read `size` (1/2/4/8) bytes little-endian at `addr`; undefined when the access would fault. */
  read(addr: bigint, size: 1 | 2 | 4 | 8): bigint | undefined {
    const t = this.translate(addr, size, false);
    return t.ok ? this.readAt(t.offset, size) : undefined;
  }

  /** Write `size` bytes little-endian at `addr`; false when the access would fault. */
  write(addr: bigint, size: 1 | 2 | 4 | 8, value: bigint): boolean {
    const t = this.translate(addr, size, true);
    if (!t.ok) return false;
    this.writeAt(t.offset, size, value);
    return true;
  }

  /** Copy `len` bytes out of virtual memory; undefined when any byte would fault. */
  readBytes(addr: bigint, len: number): Uint8Array | undefined {
    const t = this.translate(addr, len, false);
    return t.ok ? this.bytes.slice(t.offset, t.offset + len) : undefined;
  }

  /** Copy bytes into virtual memory; false when any byte would fault. */
  writeBytes(addr: bigint, data: Uint8Array): boolean {
    const t = this.translate(addr, data.length, true);
    if (!t.ok) return false;
    this.bytes.set(data, t.offset);
    return true;
  }

  /** Read at a linear offset (no checks). */
  readAt(offset: number, size: 1 | 2 | 4 | 8): bigint {
    const v = this.view;
    switch (size) {
      case 1:
        return BigInt(v.getUint8(offset));
      case 2:
        return BigInt(v.getUint16(offset, true));
      case 4:
        return BigInt(v.getUint32(offset, true));
      default:
        return v.getBigUint64(offset, true);
    }
  }

  /** Write at a linear offset (no checks); the value is truncated to `size` bytes. */
  writeAt(offset: number, size: 1 | 2 | 4 | 8, value: bigint): void {
    const v = this.view;
    const x = value & MASK64;
    switch (size) {
      case 1:
        v.setUint8(offset, Number(x & 0xffn));
        break;
      case 2:
        v.setUint16(offset, Number(x & 0xffffn), true);
        break;
      case 4:
        v.setUint32(offset, Number(x & 0xffffffffn), true);
        break;
      default:
        v.setBigUint64(offset, x, true);
    }
  }

  /** Bytes of a region (a copy). */
  regionBytes(region: Region): Uint8Array {
    return this.bytes.slice(region.offset, region.offset + region.size);
  }

  // ---- linear-memory allocator: first fit over a sorted free list, bump + grow otherwise ----

  private carve(size: number, align: number): number {
    for (let k = 0; k < this.free.length; k++) {
      const [off, len] = this.free[k];
      const start = Math.ceil(off / align) * align;
      if (start + size <= off + len) {
        const rest: Array<[number, number]> = [];
        if (start > off) rest.push([off, start - off]);
        if (start + size < off + len) rest.push([start + size, off + len - start - size]);
        this.free.splice(k, 1, ...rest);
        return start;
      }
    }
    const start = Math.ceil(this.top / align) * align;
    this.top = start + size;
    this.ensure(this.top);
    return start;
  }

  private release(offset: number, size: number): void {
    this.free = mergeRanges([...this.free, [offset, size]]);
  }

  /** A page-aligned virtual range of `span` bytes in area `hi`: a freed one first-fit, else fresh. */
  private vcarve(hi: number, span: number): number {
    const list = this.vfree.get(hi) ?? [];
    for (let k = 0; k < list.length; k++) {
      const [lo, len] = list[k];
      if (len >= span) {
        if (len === span) list.splice(k, 1);
        else list[k] = [lo + span, len - span];
        return lo;
      }
    }
    const lo = this.vnext.get(hi) ?? AREA_START[hi];
    this.vnext.set(hi, (lo + span) >>> 0);
    return lo;
  }

  private ensure(end: number): void {
    const have = this.wasm.buffer.byteLength;
    if (end <= have) return;
    this.wasm.grow(Math.ceil((end - have) / WASM_PAGE));
    this.view = new DataView(this.wasm.buffer);
    this.bytes = new Uint8Array(this.wasm.buffer);
  }
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const f of sorted) {
    const last = merged[merged.length - 1];
    if (last && last[0] + last[1] === f[0]) last[1] += f[1];
    else merged.push([f[0], f[1]]);
  }
  return merged;
}

/** Format a 64-bit address the way oops messages print it: 16 lowercase hex digits, no 0x. */
export function hex16(v: bigint): string {
  return BigInt.asUintN(64, v).toString(16).padStart(16, '0');
}
