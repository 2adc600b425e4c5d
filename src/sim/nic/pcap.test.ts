// libpcap writer/reader and pcapng reader: header bytes checked against the documented layout,
// round trips in every variant, files written by tshark (testdata/, recorded by
// recordTshark.ts), pcapng files assembled byte by byte here, and precise errors on bad files.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

// the machine may be shared and loaded: give the heavier loops room
vi.setConfig({ testTimeout: 60_000 });
import { readCapture, readPcap, writePcap, type CaptureResult } from './pcap.ts';
import { readPcapng } from './pcapng.ts';
import { createScenario } from './scenario.ts';
import { Rng } from '../rng.ts';

const testdata = join(dirname(fileURLToPath(import.meta.url)), '../testdata');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const errors = (r: CaptureResult): string[] => r.diagnostics.map((d) => d.message);

const P1 = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x08, 0x00, 0xaa]);
const P2 = Uint8Array.from([0xff, 0xee, 0xdd]);
const T1 = 1_767_225_600_123_456_789n; // 2026-01-01T00:00:00.123456789Z

describe('libpcap writer', () => {
  it('writes the documented little-endian microsecond layout', () => {
    const f = writePcap([{ timestampNs: T1, bytes: P1 }]);
    // magic d4c3b2a1 (LE of a1b2c3d4), version 2.4, thiszone 0, sigfigs 0, snaplen 262144, linktype 1
    expect(hex(f.subarray(0, 24))).toBe('d4c3b2a1' + '0200' + '0400' + '00000000' + '00000000' + '00000400' + '01000000');
    // record: ts_sec 1767225600 = 0x6955b900, ts_usec 123456 = 0x0001e240, caplen = origlen = 15
    expect(hex(f.subarray(24, 40))).toBe('00b95569' + '40e20100' + '0f000000' + '0f000000');
    expect(hex(f.subarray(40))).toBe(hex(P1));
  });

  it('writes big-endian nanosecond files with the a1b23c4d magic', () => {
    const f = writePcap([{ timestampNs: T1, bytes: P2, origLen: 1000 }], { nanosecond: true, bigEndian: true, snaplen: 2 });
    expect(hex(f.subarray(0, 8))).toBe('a1b23c4d00020004');
    // ts_nsec 123456789 = 0x075bcd15, caplen cut to snaplen 2, origlen 1000
    expect(hex(f.subarray(24, 40))).toBe('6955b900' + '075bcd15' + '00000002' + '000003e8');
    expect(f.length).toBe(24 + 16 + 2);
  });

  it.each([
    [false, false], [false, true], [true, false], [true, true],
  ])('round trips (nanosecond=%s, bigEndian=%s)', (nanosecond, bigEndian) => {
    const r = readCapture(writePcap([{ timestampNs: T1, bytes: P1 }, { timestampNs: T1 + 1_000_000_000n, bytes: P2 }], { nanosecond, bigEndian }));
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toMatchObject({ format: 'pcap', linktype: 1, nanosecond, bigEndian, snaplen: 262144 });
    const t = nanosecond ? T1 : T1 - 789n; // microsecond files keep microseconds
    expect(r.value.packets.map((p) => [p.timestampNs, hex(p.bytes), p.origLen, p.offset])).toEqual([
      [t, hex(P1), 15, 24], [t + 1_000_000_000n, hex(P2), 3, 24 + 16 + 15],
    ]);
  });
});

describe('reading files tshark wrote', () => {
  const s = createScenario('mixed', { seed: 3, count: 12 }).value!;
  const want = [...s.packets()].map((p) => [p.timestampNs - (p.timestampNs % 1000n), hex(p.bytes)]);

  it('nanosecond libpcap (tshark -F nsecpcap)', () => {
    const r = readCapture(new Uint8Array(readFileSync(join(testdata, 'mixed-12-nsec.pcap'))), 'mixed-12-nsec.pcap');
    expect(r.diagnostics).toEqual([]);
    expect(r.value.nanosecond).toBe(true);
    expect(r.value.packets.map((p) => [p.timestampNs, hex(p.bytes)])).toEqual(want);
  });

  it('pcapng (tshark -F pcapng): section, interface, enhanced packet blocks', () => {
    const r = readCapture(new Uint8Array(readFileSync(join(testdata, 'mixed-12.pcapng'))), 'mixed-12.pcapng');
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toMatchObject({ format: 'pcapng', linktype: 1, sections: 1 });
    expect(r.value.packets.map((p) => [p.timestampNs, hex(p.bytes)])).toEqual(want);
  });
});

/** A pcapng block: type, total length, body padded to 4, total length again. */
function block(le: boolean, type: number, body: number[]): number[] {
  const padded = [...body];
  while (padded.length % 4) padded.push(0);
  const len = 12 + padded.length;
  return [...u32(le, type), ...u32(le, len), ...padded, ...u32(le, len)];
}
function u32(le: boolean, v: number): number[] {
  const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  return le ? b.reverse() : b;
}
function u16(le: boolean, v: number): number[] {
  const b = [(v >> 8) & 0xff, v & 0xff];
  return le ? b.reverse() : b;
}
function opt(le: boolean, code: number, val: number[]): number[] {
  const v = [...val];
  while (v.length % 4) v.push(0);
  return [...u16(le, code), ...u16(le, val.length), ...v];
}
const shb = (le: boolean): number[] => block(le, 0x0a0d0d0a, [...u32(le, 0x1a2b3c4d), ...u16(le, 1), ...u16(le, 0), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
const idb = (le: boolean, linktype: number, snaplen: number, opts: number[] = []): number[] =>
  block(le, 1, [...u16(le, linktype), 0, 0, ...u32(le, snaplen), ...opts, ...(opts.length ? [0, 0, 0, 0] : [])]);
const epb = (le: boolean, ifid: number, tsHi: number, tsLo: number, data: number[], origLen = data.length): number[] =>
  block(le, 6, [...u32(le, ifid), ...u32(le, tsHi), ...u32(le, tsLo), ...u32(le, data.length), ...u32(le, origLen), ...data]);

describe('pcapng reader on hand-assembled files', () => {
  const le = true, be = false;
  const file = Uint8Array.from([
    // section 1, little-endian: an interface with nanosecond resolution and a name, one with default µs
    ...shb(le),
    ...idb(le, 1, 65535, [...opt(le, 2, [...Buffer.from('eth0')]), ...opt(le, 9, [9])]),
    ...idb(le, 1, 4, []),
    // 1767225600123456789 ns = 0x18867251_f555cd15 units of 1 ns (if_tsresol 9)
    ...epb(le, 0, 0x18867251, 0xf555cd15, [1, 2, 3, 4, 5]),
    // interface 1, default µs: 1767225600123456 µs = 0x00064748_46222240
    ...epb(le, 1, 0x00064748, 0x46222240, [9, 9, 9]),
    // an unknown block (custom 0x00000bad) is skipped
    ...block(le, 0xbad, [1, 2, 3, 4, 5, 6, 7]),
    // simple packet block: interface 0, original length 7, data padded
    ...block(le, 3, [...u32(le, 7), 0xa, 0xb, 0xc, 0xd, 0xe, 0xf, 0x10]),
    // section 2, big-endian: interface ids restart at 0; tsresol 2^-10 s
    ...shb(be),
    ...idb(be, 101, 0, [...opt(be, 9, [0x80 | 10])]),
    ...epb(be, 0, 0, 3 * 1024 + 512, [0x45, 0, 0, 20], 60),
  ]);

  it('reads packets across sections, interfaces, resolutions and endianness', () => {
    const r = readCapture(file, 'hand.pcapng');
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toMatchObject({ format: 'pcapng', sections: 2, linktype: 1, snaplen: 65535, bigEndian: false });
    expect(r.value.packets.map((p) => [p.timestampNs, hex(p.bytes), p.origLen, p.linktype, p.interfaceId, p.interfaceName ?? null])).toEqual([
      [1_767_225_600_123_456_789n, '0102030405', 5, 1, 0, 'eth0'],
      [1_767_225_600_123_456_000n, '090909', 3, 1, 1, null],
      [0n, '0a0b0c0d0e0f10', 7, 1, 0, 'eth0'],
      [3_500_000_000n, '45000014', 60, 101, 0, null],
    ]);
  });

  it('a simple packet block is cut to the interface snap length', () => {
    const f = Uint8Array.from([...shb(le), ...idb(le, 1, 4), ...block(le, 3, [...u32(le, 7), 1, 2, 3, 4, 5, 6, 7])]);
    expect(readCapture(f).value.packets.map((p) => [hex(p.bytes), p.origLen])).toEqual([['01020304', 7]]);
  });

  it.each<[string, number[], string]>([
    ['no section header', [...idb(le, 1, 0)], 'offset 0: expected a section header block (0a0d0d0a) at the start of a pcapng file, found block type 01000000'],
    ['bad byte-order magic', [0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 1, 2, 3, 4, ...new Array(16).fill(0)], 'offset 8: expected the byte-order magic 1a2b3c4d in the section header, found 01020304'],
    ['block length not a multiple of 4', [...shb(le), ...u32(le, 1), ...u32(le, 13), 0, 0, 0, 0, 0], 'offset 32: block total length 13 must be a multiple of 4 and at least 12'],
    ['block runs past the end', [...shb(le), ...idb(le, 1, 0).slice(0, 16)], 'offset 32: block of type 1 says 20 bytes, only 16 remain (truncated file)'],
    ['trailing length mismatch', [...shb(le), ...u32(le, 1), ...u32(le, 20), 1, 0, 0, 0, 0, 0, 0, 0, ...u32(le, 24)], 'offset 44: trailing block length 24 does not match the leading length 20 at offset 32'],
    ['packet for a missing interface', [...shb(le), ...idb(le, 1, 0), ...epb(le, 1, 0, 0, [1])], 'offset 56: packet refers to interface 1, but this section has 1 interface description block(s) before it'],
    ['captured length past the block', [...shb(le), ...idb(le, 1, 0), ...block(le, 6, [...u32(le, 0), ...u32(le, 0), ...u32(le, 0), ...u32(le, 9), ...u32(le, 9), 1, 2, 3, 4])], 'offset 68: captured length 9 runs past the end of the block (4 bytes of data room)'],
    ['truncated block header', [...shb(le), 1, 0, 0], 'offset 28: block header needs 12 bytes (type, length, trailing length), only 3 remain (truncated file)'],
    ['option overruns its block', [...shb(le), ...block(le, 1, [1, 0, 0, 0, 0, 0, 0, 0, ...u16(le, 2), ...u16(le, 40)])], 'offset 46: option 2 says 40 bytes, only 0 remain in the block'],
  ])('error: %s', (_n, bytes, msg) => {
    const r = readPcapng(Uint8Array.from(bytes), 'bad.pcapng');
    expect(errors(r)).toEqual([msg]);
    expect(r.diagnostics[0].span?.start).toBe(Number(/^offset (\d+)/.exec(msg)![1]));
    expect(r.diagnostics[0].code).toBe(7002);
  });

  it('keeps the packets before an error', () => {
    const f = Uint8Array.from([...shb(le), ...idb(le, 1, 0), ...epb(le, 0, 0, 5, [1, 2]), 0, 0]);
    const r = readCapture(f);
    expect(r.value.packets.length).toBe(1);
    expect(errors(r)).toEqual(['offset 84: block header needs 12 bytes (type, length, trailing length), only 2 remain (truncated file)']);
  });
});

describe('libpcap reader errors', () => {
  const good = writePcap([{ timestampNs: T1, bytes: P1 }, { timestampNs: T1, bytes: P2 }]);

  it.each<[string, Uint8Array, string]>([
    ['empty', new Uint8Array(0), 'offset 0: pcap file header needs 24 bytes, the file has 0'],
    ['unknown magic', Uint8Array.from([0xde, 0xad, 0xbe, 0xef, ...new Array(20).fill(0)]), "offset 0: expected a pcap magic number (a1b2c3d4 or a1b23c4d, either byte order) or pcapng's 0a0d0d0a, found deadbeef"],
    ['bad version', Uint8Array.from([...good.subarray(0, 4), 3, 0, 0, 0, ...good.subarray(8, 24)]), 'offset 4: expected pcap version 2.x, found 3.0'],
    ['cut in a record header', good.subarray(0, 24 + 16 + 15 + 7), 'offset 55: packet record header needs 16 bytes, only 7 remain (truncated file)'],
    ['cut in packet data', good.subarray(0, 24 + 16 + 10), 'offset 40: packet data needs 15 bytes (captured length at offset 32), only 10 remain (truncated file)'],
  ])('%s', (_n, bytes, msg) => {
    const r = readPcap(bytes, 'x.pcap');
    expect(errors(r)).toEqual([msg]);
  });

  it('rejects impossible record fields', () => {
    const b = good.slice();
    b[28] = 0xff; b[29] = 0xff; b[30] = 0xff; b[31] = 0x7f; // usec way over 10^6
    expect(errors(readPcap(b))).toEqual(['offset 28: timestamp fraction 2147483647 is not below one second in microseconds']);
    const c = good.slice();
    c[36] = 1; // origlen 1 < caplen 15
    c[37] = 0;
    expect(errors(readPcap(c))).toEqual(['offset 36: original length 1 is smaller than the captured length 15']);
    const d = good.slice();
    d[32] = 0; d[33] = 0; d[34] = 0; d[35] = 0x10; // caplen 256 MiB
    expect(errors(readPcap(d))[0]).toMatch(/^offset 32: captured length 268435456 exceeds both the snap length 262144/);
  });

  it('the first packet survives a cut in the second', () => {
    const r = readPcap(good.subarray(0, good.length - 1));
    expect(r.value.packets.length).toBe(1);
    expect(r.diagnostics.length).toBe(1);
  });
});

describe('readers on mutated files', () => {
  it('never throw, and every error points inside the file (20k mutations of pcap and pcapng files)', () => {
    const rng = new Rng(7);
    const bases = [
      writePcap(createScenario('mixed', { seed: 1, count: 20 }).value!.packets()),
      writePcap(createScenario('web', { seed: 1, count: 20 }).value!.packets(), { nanosecond: true, bigEndian: true }),
      new Uint8Array(readFileSync(join(testdata, 'mixed-12.pcapng'))),
    ];
    const problems: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const b = rng.pick(bases).slice(0, undefined);
      const flips = rng.int(4);
      for (let k = 0; k < flips; k++) b[rng.int(b.length)] = rng.int(256);
      const cut = rng.chance(0.5) ? b.subarray(0, rng.int(b.length + 1)) : b;
      let r: CaptureResult;
      try {
        r = readCapture(cut, 'm');
      } catch (e) {
        problems.push(`threw ${(e as Error).message}`);
        continue;
      }
      for (const d of r.diagnostics) {
        if (!d.span || d.span.start < 0 || d.span.start > cut.length) problems.push(`span ${JSON.stringify(d.span)} outside ${cut.length}: ${d.message}`);
        if (!/^offset \d+: /.test(d.message)) problems.push(`message without offset: ${d.message}`);
      }
      for (const p of r.value.packets) if (p.bytes.length > cut.length) problems.push('packet larger than file');
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
