// Memory: regions at kernel-looking addresses with guard gaps, translation with bounds and
// permission checks, little-endian access, growth of the WebAssembly memory, free and reuse.
import { describe, expect, it } from 'vitest';
import { Memory, PROG_TEXT_BASE, XDP_PACKET_HEADROOM } from './memory.ts';

describe('Memory', () => {
  it('lays regions out in their areas, page-aligned with a guard page between them', () => {
    const m = new Memory();
    const a = m.alloc('map_value', 16, { name: 'a' });
    const b = m.alloc('ctx', 5000, { name: 'b' });
    const c = m.alloc('heap', 1);
    expect(a.base).toBe(0xffff888001000000n);
    expect(b.base).toBe(0xffff888001002000n); // a's page + a guard page
    expect(c.base).toBe(0xffff888001005000n); // b spans two pages + guard
    expect(m.alloc('packet', 64).base >> 32n).toBe(0xffff8881n);
    expect(m.alloc('rodata', 8).perm).toBe('r');
    const s0 = m.stack(0);
    expect(s0.size).toBe(512);
    expect(s0.base + 512n).toBe(0xffffc900000a1000n);
    expect(m.stack(0)).toBe(s0); // reused
    expect(PROG_TEXT_BASE).toBe(0xffffffffa0000000n);
  });

  it('translates with bounds checks and keeps the WebAssembly memory as backing store', () => {
    const m = new Memory();
    const r = m.alloc('heap', 8);
    const t = m.translate(r.base + 4n, 4, false);
    expect(t).toMatchObject({ ok: true, offset: r.offset + 4 });
    expect(m.translate(r.base + 5n, 4, false)).toMatchObject({ ok: false, reason: 'unmapped' });
    expect(m.translate(r.base - 1n, 1, false)).toMatchObject({ ok: false, reason: 'unmapped' });
    expect(m.translate(0xdead000000000000n, 1, false)).toMatchObject({ ok: false, reason: 'noncanonical' });
    expect(m.write(r.base, 8, 0x0807060504030201n)).toBe(true);
    expect(Array.from(new Uint8Array(m.wasm.buffer, r.offset, 8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(m.read(r.base + 2n, 2)).toBe(0x0403n);
    expect(m.read(r.base + 4n, 4)).toBe(0x08070605n);
    expect(m.read(r.base + 7n, 1)).toBe(8n);
    expect(m.read(r.base + 1n, 8)).toBeUndefined();
    expect(m.translateHL(0xffff8880 | 0, Number(r.base & 0xffffffffn) + 6, 2, false)).toBe(r.offset + 6);
    expect(m.translateHL(0xffff8880 | 0, Number(r.base & 0xffffffffn) + 7, 2, false)).toBe(-1);
  });

  it('refuses writes to read-only regions', () => {
    const m = new Memory();
    const ro = m.allocBytes('rodata', Uint8Array.from([1, 2, 3]));
    expect(m.read(ro.base, 1)).toBe(1n);
    expect(m.write(ro.base, 1, 9n)).toBe(false);
    expect(m.translate(ro.base, 1, true)).toMatchObject({ ok: false, reason: 'perm' });
    expect(m.translateHL(ro.hi | 0, ro.lo | 0, 1, true)).toBe(-2);
  });

  it('grows the WebAssembly memory and keeps earlier contents', () => {
    const m = new Memory(1);
    const a = m.allocBytes('heap', Uint8Array.from([0xaa, 0xbb]));
    const before = m.wasm.buffer.byteLength;
    const big = m.alloc('heap', 300_000);
    expect(m.wasm.buffer.byteLength).toBeGreaterThan(before);
    expect(m.read(a.base, 2)).toBe(0xbbaan);
    expect(m.write(big.base + 299_992n, 8, 7n)).toBe(true);
    expect(m.read(big.base + 299_992n, 8)).toBe(7n);
  });

  it('frees regions: their addresses fault, their bytes and addresses are reused', () => {
    const m = new Memory();
    const a = m.alloc('heap', 64);
    const keep = m.alloc('heap', 8);
    m.write(a.base, 8, 0x55n);
    m.freeRegion(a);
    expect(m.read(a.base, 1)).toBeUndefined();
    const b = m.alloc('heap', 32);
    expect(b.offset).toBe(a.offset); // first fit reuses the freed bytes
    expect(b.base).toBe(a.base); // and the freed virtual range
    expect(m.read(b.base, 8)).toBe(0n); // zero-filled
    expect(m.alloc('heap', 8).base).toBe(keep.base + 0x2000n); // next fresh range after `keep`
  });
  it('alloc/free cycles stay in a bounded address range (one run per packet)', () => {
    const m = new Memory();
    const first = m.alloc('ctx', 100);
    m.freeRegion(first);
    for (let k = 0; k < 10_000; k++) m.freeRegion(m.alloc('ctx', 100 + (k % 3000)));
    expect(m.alloc('ctx', 100).base).toBe(first.base);
    expect(m.wasm.buffer.byteLength).toBeLessThanOrEqual(2 * 65536);
  });

  it('lays out packets with XDP headroom', () => {
    const m = new Memory();
    const p = m.allocPacket(Uint8Array.from([1, 2, 3, 4]), { tailroom: 16 });
    expect(XDP_PACKET_HEADROOM).toBe(256);
    expect(p.data).toBe(p.region.base + 256n);
    expect(p.dataEnd).toBe(p.data + 4n);
    expect(p.region.size).toBe(256 + 4 + 16);
    expect(Array.from(m.readBytes(p.data, 4)!)).toEqual([1, 2, 3, 4]);
    expect(m.readBytes(p.region.base, 1)).toBeDefined(); // headroom is mapped (bpf_xdp_adjust_head)
  });
});
