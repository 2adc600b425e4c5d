/**
 * Decoding buffer records with their C layout: hand-built byte buffers (values written at the
 * offsets clang gives the structs, see src/compiler/testdata/records) read back field by field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/driver.ts';
import { bytesOfHex, decodeRecord, ipv6, isAddrName, recordColumns } from './records.ts';

const ROOT = new URL('../../../', import.meta.url);
const layouts = (path: string) => compile({ 'prog.c': readFileSync(new URL(path, ROOT), 'utf8') }, 'prog.c').recordTypes!;

const ascii = (b: Uint8Array, off: number, s: string): void => b.set(new TextEncoder().encode(s), off);

describe('decodeRecord', () => {
  it('execsnoop\'s struct event: pid, uid, comm and filename as text', () => {
    const l = layouts('examples/20-execsnoop/prog.c').events.layout!;
    const b = new Uint8Array(152);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, 4242, true);
    dv.setUint32(4, 0xfffffffe, true); // u32: no sign
    ascii(b, 8, 'bash');
    ascii(b, 24, '/usr/bin/ls');
    b[24 + 11] = 0; // NUL, then garbage that must not show
    ascii(b, 24 + 12, 'junk');
    expect(recordColumns(l).map((c) => c.name)).toEqual(['pid', 'uid', 'comm', 'filename']);
    expect(decodeRecord(l, b)).toEqual(['4242', '4294967294', 'bash', '/usr/bin/ls']);
  });

  it('tcplife\'s perf record: u64 exactly, and a comm that fills its 16 bytes', () => {
    const l = layouts('examples/22-tcplife/prog.c').events.layout!;
    const b = new Uint8Array(l.size);
    const dv = new DataView(b.buffer);
    dv.setBigUint64(0, 0xffff888012345678n, true);
    dv.setBigUint64(8, 18446744073709551615n, true);
    dv.setUint32(16, 7, true);
    dv.setUint32(20, 1, true);
    ascii(b, 24, 'abcdefghijklmnop');
    expect(recordColumns(l).map((c) => c.name)).toEqual(['skaddr', 'duration_ns', 'pid', 'oldstate', 'comm']);
    expect(decodeRecord(l, b)).toEqual(['18446612682375452280', '18446744073709551615', '7', '1', 'abcdefghijklmnop']);
  });

  it('shapes.c: typedef\'d flow with IPv4 addresses by name; nested struct, v6 address, int array, union, bit-fields, signed, pointer', () => {
    const rt = layouts('src/compiler/testdata/records/shapes.c');
    const flow = new Uint8Array(24);
    flow[0] = 6;
    new DataView(flow.buffer).setUint16(2, 443, true);
    flow.set([10, 0, 0, 1], 4); // saddr, network order in memory
    flow.set([192, 168, 1, 200], 8);
    new DataView(flow.buffer).setBigUint64(16, 123456789n, true);
    expect(decodeRecord(rt.flows.layout!, flow)).toEqual(['6', '443', '10.0.0.1', '192.168.1.200', '123456789']);

    const s = new Uint8Array(80);
    const dv = new DataView(s.buffer);
    ascii(s, 0, 'nginx');
    s[6] = 0x01; // not printable, but after the NUL (s[5]): not shown
    dv.setUint16(16, 65535, true);
    dv.setUint32(20, 70000, true);
    s.set([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 24); // 2001:db8::1
    dv.setUint32(40, 1, true);
    dv.setUint32(44, 2, true);
    dv.setUint32(48, 3, true);
    dv.setUint32(52, 0xddccbbaa, true);
    // lo:3 = 5, mid:9 = 300, hi:20 = 0xfffff in one u32 (bits 0-2, 3-11, 12-31)
    dv.setUint32(56, (5 | (300 << 3) | (0xfffff << 12)) >>> 0, true);
    dv.setInt8(60, -3);
    dv.setBigInt64(64, -1234567890123n, true);
    dv.setBigUint64(72, 0xffffc90000a3ff48n, true);
    const cols = recordColumns(rt.shapes.layout!).map((c) => c.name);
    expect(cols).toEqual(['comm', 'in.a', 'in.b', 'daddr_v6', 'counts', 'u', 'lo', 'mid', 'hi', 'delta', 'big', 'ptr']);
    expect(decodeRecord(rt.shapes.layout!, s)).toEqual([
      'nginx', '65535', '70000', '2001:db8::1', '[1, 2, 3]', 'aa bb cc dd', '5', '300', '1048575', '-3', '-1234567890123', '0xffffc90000a3ff48',
    ]);
  });

  it('a record shorter than the type leaves the missing fields empty; an array record', () => {
    const rt = layouts('src/compiler/testdata/records/shapes.c');
    expect(decodeRecord(rt.flows.layout!, bytesOfHex('06000000' + '0a000001'))).toEqual(['6', '0', '10.0.0.1', '', '']);
    expect(decodeRecord(rt.words.layout!, bytesOfHex('01000000020000000300000004000000'))).toEqual(['[1, 2, 3, 4]']);
  });
});

describe('address heuristics', () => {
  it('names that say address, and ones that do not', () => {
    for (const n of ['saddr', 'daddr', 'addr', 'ip', 'src_ip', 'dst_ip', 'dip', 'ipv4', 'ip6', 'daddr_v6', 'local_addr']) expect(isAddrName(n), n).toBe(true);
    for (const n of ['pid', 'skip', 'zip', 'tip', 'ipc_count', 'sport', 'comm']) expect(isAddrName(n), n).toBe(false);
  });

  it('IPv6 text as RFC 5952 writes it', () => {
    const v6 = (h: string) => ipv6(bytesOfHex(h), 0);
    expect(v6('00000000000000000000000000000001')).toBe('::1');
    expect(v6('00000000000000000000000000000000')).toBe('::');
    expect(v6('fe800000000000000202b3fffe1e8329')).toBe('fe80::202:b3ff:fe1e:8329');
    expect(v6('20010db8000000010000000000000001')).toBe('2001:db8:0:1::1'); // the longer zero run
    expect(v6('20010db8000100000001000000000001')).toBe('2001:db8:1:0:1::1'); // a single 0 group stays
    expect(v6('00000000000000000000ffffc0a80001')).toBe('::ffff:192.168.0.1');
  });
});
