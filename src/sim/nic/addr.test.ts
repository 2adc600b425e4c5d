// Address parsing and printing, with RFC 5952's canonical-form examples.
import { describe, expect, it } from 'vitest';
import { formatIPv6, formatMac, parseIP, parseIPv4, parseIPv6, parseMac } from './addr.ts';

describe('addresses', () => {
  it.each([
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'], // RFC 5952 §4.1, §4.2.1
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2: one 0 group is not shortened
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // §4.2.3: the longest run
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3: the first of equal runs
    ['2001:DB8::ABCD', '2001:db8::abcd'], // §4.3: lower case
    ['::', '::'],
    ['::1', '::1'],
    ['fe80::', 'fe80::'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'], // §5: IPv4-mapped
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ])('IPv6 %s prints as %s', (input, want) => {
    expect(formatIPv6(parseIPv6(input)!)).toBe(want);
  });

  it.each(['', ':::', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'g::1', '::1.2.3', '1:2:3:4:5:6:7::8'])(
    'rejects IPv6 %j', (bad) => expect(parseIPv6(bad)).toBeUndefined());

  it('IPv4 and MAC round trips, and rejections', () => {
    expect(Array.from(parseIPv4('10.0.0.255')!)).toEqual([10, 0, 0, 255]);
    for (const bad of ['10.0.0', '10.0.0.256', '10.0.0.1.2', 'a.b.c.d', '1..2.3']) expect(parseIPv4(bad)).toBeUndefined();
    expect(formatMac(parseMac('52-54-00-AB-cd-0f')!)).toBe('52:54:00:ab:cd:0f');
    for (const bad of ['52:54:00:ab:cd', '52:54:00:ab:cd:0g', '1:2:3:4:5:678']) expect(parseMac(bad)).toBeUndefined();
    expect(parseIP('fd00::1')?.family).toBe(6);
    expect(parseIP('1.2.3.4')?.family).toBe(4);
    expect(parseIP('nope')).toBeUndefined();
  });
});
