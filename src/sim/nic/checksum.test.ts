// The Internet checksum on hand-verified inputs (RFC 1071's worked example, a textbook IPv4
// header, a UDP pseudo-header sum worked out by hand below).
import { describe, expect, it } from 'vitest';
import { addSums, checksum, pseudoSum4, pseudoSum6, sum16 } from './checksum.ts';
import { parseIPv4, parseIPv6 } from './addr.ts';

const hex = (s: string): Uint8Array => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((x) => parseInt(x, 16)));

describe('Internet checksum', () => {
  it('RFC 1071 §3 numerical example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2', () => {
    const b = hex('0001 f203 f4f5 f6f7');
    // 0001 + f203 + f4f5 + f6f7 = 2ddf0, folded: ddf0 + 2 = ddf2
    expect(sum16(b)).toBe(0xddf2);
    expect(checksum(b)).toBe(0x220d);
  });

  it('a textbook IPv4 header checksums to b861, and verifies to 0 with it in place', () => {
    const withZero = hex('4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7');
    expect(checksum(withZero)).toBe(0xb861);
    const filled = hex('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7');
    expect(checksum(filled)).toBe(0);
  });

  it('an odd trailing byte is padded with zero on the right', () => {
    expect(sum16(hex('01'))).toBe(0x0100);
    expect(sum16(hex('0102 03'))).toBe(0x0102 + 0x0300);
  });

  it('folds carries repeatedly (all-ones words)', () => {
    expect(sum16(new Uint8Array(1000).fill(0xff))).toBe(0xffff);
    expect(addSums(0xffff, 0x0001)).toBe(0x0001);
  });

  it('UDP 10.0.0.2:1 -> 10.0.0.1:2, empty: pseudo 141c + header 000b = 1427, checksum ebd8', () => {
    // pseudo-header: 0a00 + 0002 + 0a00 + 0001 + 0011 (proto) + 0008 (length) = 141c
    const p = pseudoSum4(parseIPv4('10.0.0.2')!, parseIPv4('10.0.0.1')!, 17, 8);
    expect(p).toBe(0x141c);
    const udp = hex('0001 0002 0008 0000');
    expect(checksum(udp, 0, 8, p)).toBe(0xebd8);
  });

  it('IPv6 pseudo-header: addresses, 32-bit length, next header', () => {
    // ::1 -> ::2, length 0x00010008 (65544 > 16 bits), next header 17:
    // 0001 + 0002 + 0001 + 0008 + 0011 = 001d
    expect(pseudoSum6(parseIPv6('::1')!, parseIPv6('::2')!, 17, 0x10008)).toBe(0x1d);
  });
});
