// The packet builder against frames laid out by hand from the RFC header diagrams (checksums
// worked out by hand in the comments), and its error values for bad specs.
import { describe, expect, it } from 'vitest';
import { buildPacket, buildPacketResult } from './build.ts';
import { checksum } from './checksum.ts';
import { linuxSynOptions } from './spec.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const clean = (s: string): string => s.replace(/\s+|\|/g, '');

describe('buildPacket', () => {
  it('UDP over IPv4, by hand', () => {
    // IPv4 checksum: 4500+001c+0000+0000+4011+0a00+0002+0a00+0001 = 9930 -> ~ = 66cf
    // UDP checksum: pseudo 141c + 0001+0002+0008 = 1427 -> ~ = ebd8
    const want = clean(`020000000001 020000000002 0800 |
      4500 001c 0000 0000 4011 66cf 0a000002 0a000001 |
      0001 0002 0008 ebd8`);
    expect(hex(buildPacket({ ipv4: { src: '10.0.0.2', dst: '10.0.0.1' }, udp: { sport: 1, dport: 2 } }))).toBe(want);
  });

  it('a computed UDP checksum of 0 is sent as ffff (RFC 768)', () => {
    // sum = pseudo 141c + sport + 0002 + 0008 = 1426 + sport; it folds to ffff (checksum 0)
    // exactly when sport = ffff - 1426 = ebd9
    const p = buildPacket({ ipv4: { src: '10.0.0.2', dst: '10.0.0.1' }, udp: { sport: 0xebd9, dport: 2 } });
    expect(hex(p.subarray(34, 42))).toBe('ebd900020008ffff');
    const q = buildPacket({ ipv4: { src: '10.0.0.2', dst: '10.0.0.1' }, udp: { sport: 0xebd8, dport: 2 } });
    expect(hex(q.subarray(40, 42))).toBe('0001');
  });

  it('ARP request, 802.1Q tag, padding to 60', () => {
    const p = buildPacket({
      eth: { src: '52:54:00:00:00:02', dst: 'ff:ff:ff:ff:ff:ff', padTo: 60 },
      vlan: { vid: 100, pcp: 5, dei: true },
      arp: { op: 'request', sha: '52:54:00:00:00:02', spa: '10.0.0.2', tpa: '10.0.0.1' },
    });
    expect(p.length).toBe(60);
    // TCI = pcp 5 (101) | dei 1 | vid 100 (0x064) = 1011 0000 0110 0100 = b064
    expect(hex(p.subarray(0, 46))).toBe(clean(`ffffffffffff 525400000002 8100 b064 0806 |
      0001 0800 06 04 0001 525400000002 0a000002 000000000000 0a000001`));
    expect(p.subarray(46).every((x) => x === 0)).toBe(true);
  });

  it('TCP SYN with Linux options: 40-byte header, flags byte, option bytes', () => {
    const p = buildPacket({ ipv4: { src: '10.0.0.2', dst: '10.0.0.1', df: true }, tcp: { sport: 40000, dport: 80, seq: 1, flags: 'S', options: linuxSynOptions(0x01020304, 0) } });
    const t = p.subarray(34);
    expect(t.length).toBe(40);
    expect(t[12] >> 4).toBe(10); // data offset 10 words
    expect(t[13]).toBe(0x02);
    expect(hex(t.subarray(20))).toBe(clean('020405b4 0402 080a 01020304 00000000 01 030307'));
    expect(hex(p.subarray(20, 22))).toBe('4000'); // DF
    // verification over pseudo-header + segment must give 0 (cross-checked by tshark in tshark.test.ts)
    const pseudo = [0x0a00, 0x0002, 0x0a00, 0x0001, 6, 40].reduce((a, b) => a + b, 0);
    expect(checksum(t, 0, t.length, pseudo)).toBe(0);
  });

  it('IPv4 options are padded to 4 bytes and raise IHL; Record Route layout', () => {
    const p = buildPacket({ ipv4: { src: '1.1.1.1', dst: '2.2.2.2', proto: 253, options: [{ type: 'rr', slots: 2, addrs: ['9.9.9.9'] }] } });
    // RR: type 7, length 3+8 = 11, pointer 4+4 = 8, one address, one empty slot, 1 byte EOL pad
    expect(p[14]).toBe(0x40 | 8);
    expect(hex(p.subarray(34, 46))).toBe(clean('07 0b 08 09090909 00000000 00'));
    expect(checksum(p, 14, 46)).toBe(0);
  });

  it('IPv6 extension headers chain next-header values and pad options to 8 bytes', () => {
    const p = buildPacket({
      ipv6: { src: 'fd00::2', dst: 'fd00::1', ext: [{ type: 'hop-by-hop', options: [{ type: 'ra' }] }, { type: 'fragment', offset: 0, more: true, id: 0xdeadbeef }] },
      udp: { sport: 1, dport: 2 },
    });
    expect(p[14 + 6]).toBe(0); // first next header: hop-by-hop
    // hop-by-hop: next 44, len 0, RA 05 02 0000, PadN 01 00
    expect(hex(p.subarray(54, 62))).toBe(clean('2c 00 05020000 0100'));
    // fragment: next 17, reserved, offset 0 | M, id
    expect(hex(p.subarray(62, 70))).toBe(clean('11 00 0001 deadbeef'));
    expect((p[18] << 8) | p[19]).toBe(8 + 8 + 8); // payload length
  });

  it('ICMPv6 neighbour solicitation with a source link-layer option', () => {
    const p = buildPacket({ ipv6: { src: 'fd00::2', dst: 'ff02::1:ff00:1', hopLimit: 255 }, icmpv6: { type: 135, target: 'fd00::1', lladdr: '52:54:00:00:00:02' } });
    const m = p.subarray(54);
    expect(m.length).toBe(32);
    expect(hex(m.subarray(0, 2))).toBe('8700');
    expect(hex(m.subarray(24))).toBe('0101525400000002');
  });

  it('overrides build deliberately broken packets', () => {
    const p = buildPacket({ ipv4: { src: '10.0.0.2', dst: '10.0.0.1', checksum: 0x1234, totalLength: 999 }, udp: { sport: 1, dport: 2, checksum: 0 } });
    expect(hex(p.subarray(24, 26))).toBe('1234');
    expect(hex(p.subarray(16, 18))).toBe('03e7');
    expect(hex(p.subarray(40, 42))).toBe('0000');
  });

  it('bad specs are diagnostics naming the field, never exceptions', () => {
    const r = buildPacketResult({ ipv4: { src: '10.0.0.300', dst: 'fd00::1' }, udp: { sport: 70000, dport: 1 } });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "ipv4.src: '10.0.0.300' is not an IPv4 address",
      "ipv4.dst: 'fd00::1' is not an IPv4 address",
      'udp.sport: 70000 is out of range 0..65535',
    ]);
    expect(r.diagnostics[0].code).toBe(7001);
    expect(buildPacketResult({ udp: { sport: 1, dport: 2 } }).diagnostics[0].message).toBe('udp needs an ipv4 or ipv6 layer');
    expect(buildPacketResult({ ipv4: { src: '1.1.1.1', dst: '1.1.1.1' }, ipv6: { src: '::', dst: '::' } }).diagnostics[0].message)
      .toBe('only one of arp, ipv4, ipv6 may be given (got ipv4, ipv6)');
    expect(buildPacketResult({ ipv4: { src: '1.1.1.1', dst: '1.1.1.1' }, tcp: { sport: 1, dport: 2, flags: 'SX' } }).diagnostics[0].message)
      .toBe("tcp.flags: unknown flag letter 'X' (use F S R P A U E C)");
    expect(buildPacketResult({ ipv4: { src: '1.1.1.1', dst: '1.1.1.1', options: Array(41).fill({ type: 'nop' }) }, udp: { sport: 1, dport: 1 } }).diagnostics[0].message)
      .toBe('ipv4.options: 44 bytes of options, at most 40 fit');
    expect(() => buildPacket({})).toThrow(/eth.type: required/);
  });

  it('specs that are not PacketSpecs at run time (e.g. parsed JSON) give diagnostics, not exceptions', () => {
    const junk: unknown[] = [
      { ipv4: { src: 5, dst: null }, udp: { sport: 'x', dport: -1 } },
      { ipv6: { src: '::1', dst: '::2', ext: [{ type: 'routing' }] }, udp: { sport: 1, dport: 2 } },
      { vlan: [{}], ipv4: { src: '1.1.1.1', dst: '1.1.1.1' }, tcp: { sport: 1, dport: 2, options: [{ kind: 'sack' }] } },
      { arp: { op: 'who' } },
      { eth: { src: 'zz' }, payload: 42 },
    ];
    for (const j of junk) {
      const r = buildPacketResult(j as Parameters<typeof buildPacketResult>[0]);
      expect(r.value).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
});
