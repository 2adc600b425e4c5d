// The dissector: tcpdump-style summaries written by hand from tcpdump's output format, field byte
// ranges, checksum verdicts on deliberately broken packets, truncation at every cut point, and
// robustness on random bytes.
import { describe, expect, it, vi } from 'vitest';

// the machine may be shared and loaded: give the heavier loops room
vi.setConfig({ testTimeout: 60_000 });
import { Rng } from '../rng.ts';
import { buildPacket } from './build.ts';
import { dissect, LINKTYPE_RAW } from './dissect.ts';
import { dnsQuery, dnsResponse } from './payloads.ts';
import { linuxSynOptions, type PacketSpec } from './spec.ts';

const v4 = { src: '10.0.0.2', dst: '10.0.0.1' };
const v6 = { src: 'fd00::2', dst: 'fd00::1' };

// tcpdump's exact wording for these is also checked against recorded tcpdump output (tools.test.ts)
describe('summary lines', () => {
  it.each<[string, PacketSpec, string]>([
    ['udp', { ipv4: v4, udp: { sport: 34567, dport: 5001 }, payload: 'x'.repeat(18) }, 'IP 10.0.0.2.34567 > 10.0.0.1.5001: UDP, length 18'],
    ['syn', { ipv4: v4, tcp: { sport: 40000, dport: 80, seq: 100, flags: 'S', options: linuxSynOptions(7, 0) } },
      'IP 10.0.0.2.40000 > 10.0.0.1.80: Flags [S], seq 100, win 64240, options [mss 1460,sackOK,TS val 7 ecr 0,nop,wscale 7], length 0'],
    ['syn-ack', { ipv4: v4, tcp: { sport: 80, dport: 40000, seq: 5, ack: 101, flags: 'SA', window: 65160 } },
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5, ack 101, win 65160, length 0'],
    ['data', { ipv4: v4, tcp: { sport: 40000, dport: 80, seq: 4294967290, ack: 6, flags: 'PA', window: 502 }, payload: 'GET / HTTP/1.1\r\n' },
      'IP 10.0.0.2.40000 > 10.0.0.1.80: Flags [P.], seq 4294967290:10, ack 6, win 502, length 16: HTTP: GET / HTTP/1.1'],
    ['rst', { ipv4: v4, tcp: { sport: 1, dport: 2, flags: 'R', window: 0 } }, 'IP 10.0.0.2.1 > 10.0.0.1.2: Flags [R], seq 0, win 0, length 0'],
    ['fin-ecn', { ipv4: v4, tcp: { sport: 1, dport: 2, ack: 1, flags: 'FAEC' } }, 'IP 10.0.0.2.1 > 10.0.0.1.2: Flags [F.EW], seq 0, ack 1, win 64240, length 0'],
    ['ping', { ipv4: v4, icmp: { type: 8, id: 1, seq: 2 }, payload: new Uint8Array(56) }, 'IP 10.0.0.2 > 10.0.0.1: ICMP echo request, id 1, seq 2, length 64'],
    ['arp-req', { arp: { op: 'request', sha: '52:54:00:00:00:02', spa: '10.0.0.2', tpa: '10.0.0.1' } }, 'ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28'],
    ['arp-rep', { eth: { padTo: 60 }, arp: { op: 'reply', sha: '52:54:00:00:00:02', spa: '10.0.0.2', tha: '52:54:00:12:34:56', tpa: '10.0.0.1' } },
      'ARP, Reply 10.0.0.2 is-at 52:54:00:00:00:02, length 46'],
    ['vlan', { vlan: { vid: 100, pcp: 3 }, ipv4: v4, udp: { sport: 1, dport: 2 } }, 'IP 10.0.0.2.1 > 10.0.0.1.2: UDP, length 0'], // the tag shows only with tcpdump -e
    ['udp6', { ipv6: v6, udp: { sport: 34567, dport: 5001 }, payload: 'abc' }, 'IP6 fd00::2.34567 > fd00::1.5001: UDP, length 3'],
    ['echo6', { ipv6: v6, icmpv6: { type: 128, id: 9, seq: 1 }, payload: new Uint8Array(56) }, 'IP6 fd00::2 > fd00::1: ICMP6, echo request, id 9, seq 1, length 64'],
    ['ns', { ipv6: { src: 'fd00::2', dst: 'ff02::1:ff00:1', hopLimit: 255 }, icmpv6: { type: 135, target: 'fd00::1', lladdr: '52:54:00:00:00:02' } },
      'IP6 fd00::2 > ff02::1:ff00:1: ICMP6, neighbor solicitation, who has fd00::1, length 32'],
    // 12-byte header + 7example3com0 (13) + type/class (4) = 29
    ['dns-q', { ipv4: { src: '10.0.0.2', dst: '10.0.0.53' }, udp: { sport: 40000, dport: 53 }, payload: dnsQuery(4660, 'example.com') },
      'IP 10.0.0.2.40000 > 10.0.0.53.53: 4660+ A? example.com. (29)'],
    // + one answer: pointer 2, type 2, class 2, ttl 4, rdlength 2, address 4 = 16 -> 45
    ['dns-r', { ipv4: { src: '10.0.0.53', dst: '10.0.0.2' }, udp: { sport: 53, dport: 40000 }, payload: dnsResponse(4660, 'example.com', 1, [Uint8Array.of(93, 184, 216, 34)]) },
      'IP 10.0.0.53.53 > 10.0.0.2.40000: 4660 1/0/0 A 93.184.216.34 (45)'],
    ['frag', { ipv4: { ...v4, fragOffset: 10, proto: 17 }, payload: 'abcd' }, 'IP 10.0.0.2 > 10.0.0.1: ip-proto-17'],
    ['unknown-proto', { ipv4: { ...v4, proto: 253 }, payload: 'abcd' }, 'IP 10.0.0.2 > 10.0.0.1:  ip-proto-253 4'],
    ['unknown-ethertype', { eth: { type: 0x88cc }, payload: 'abcd' }, '02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype Unknown (0x88cc), length 18: '],
  ])('%s', (_name, spec, want) => {
    const d = dissect(buildPacket(spec));
    expect(d.summary).toBe(want);
    expect(d.truncated).toBeUndefined();
  });
});

describe('fields, ranges and checksums', () => {
  const p = buildPacket({ ipv4: { ...v4, ttl: 33 }, udp: { sport: 34567, dport: 5001 }, payload: 'hello' });
  const d = dissect(p);

  it('layers in order with byte ranges', () => {
    expect(d.layers.map((l) => [l.proto, l.start, l.end])).toEqual([['eth', 0, 14], ['ip', 14, 34], ['udp', 34, 42], ['data', 42, 47]]);
  });

  it('each field knows its bytes', () => {
    const f = (name: string) => d.layers.flatMap((l) => l.fields).find((x) => x.name === name)!;
    expect([f('ip.ttl').start, f('ip.ttl').end, f('ip.ttl').value]).toEqual([22, 23, 33]);
    expect([f('ip.src').start, f('ip.src').end, f('ip.src').value]).toEqual([26, 30, '10.0.0.2']);
    expect([f('udp.dstport').start, f('udp.dstport').end, f('udp.dstport').value]).toEqual([36, 38, 5001]);
    expect([f('ip.hdr_len').mask, f('ip.version').mask]).toEqual([0x0f, 0xf0]);
  });

  it('good checksums are good; corrupted ones are bad and show the right value', () => {
    expect(d.layers.map((l) => l.checksum?.status)).toEqual([undefined, 'good', 'good', undefined]);
    const bad = p.slice();
    bad[24] ^= 0xff; // IPv4 checksum byte
    bad[45] ^= 0x01; // payload byte -> UDP checksum wrong
    const e = dissect(bad);
    expect(e.layers[1].checksum).toEqual({ status: 'bad', value: ((p[24] ^ 0xff) << 8) | p[25], computed: (p[24] << 8) | p[25] });
    expect(e.layers[2].checksum?.status).toBe('bad');
    expect(e.layers[2].checksum?.computed).not.toBe((p[40] << 8) | p[41]);
  });

  it('UDP checksum 0 over IPv4 is "none"; bad ICMP, TCP, ICMPv6 checksums are caught', () => {
    expect(dissect(buildPacket({ ipv4: v4, udp: { sport: 1, dport: 2, checksum: 0 } })).layers[2].checksum?.status).toBe('none');
    expect(dissect(buildPacket({ ipv4: v4, icmp: { type: 8, id: 1, seq: 1, checksum: 1 } })).layers[2].checksum?.status).toBe('bad');
    expect(dissect(buildPacket({ ipv4: v4, tcp: { sport: 1, dport: 2, checksum: 1 } })).layers[2].checksum?.status).toBe('bad');
    expect(dissect(buildPacket({ ipv6: v6, icmpv6: { type: 128, checksum: 1 } })).layers[2].checksum?.status).toBe('bad');
    expect(dissect(buildPacket({ ipv6: v6, udp: { sport: 1, dport: 2, checksum: 0 } })).layers[2].checksum?.status).toBe('illegal');
  });

  it('Ethernet padding after a short IP datagram is shown, not parsed as payload', () => {
    const q = dissect(buildPacket({ eth: { padTo: 60 }, ipv4: v4, udp: { sport: 1, dport: 2 } }));
    expect(q.layers[0].fields.at(-1)).toMatchObject({ name: 'eth.padding', start: 42, end: 60 });
    expect(q.layers.map((l) => l.proto)).toEqual(['eth', 'ip', 'udp']);
  });

  it('a routing header changes the pseudo-header destination (RFC 8200 §8.1)', () => {
    const q = dissect(buildPacket({ ipv6: { ...v6, ext: [{ type: 'routing', routingType: 2, addresses: ['fd00::99'] }] }, udp: { sport: 1, dport: 2 } }));
    expect(q.layers.map((l) => [l.proto, l.checksum?.status])).toEqual([['eth', undefined], ['ipv6', undefined], ['ipv6.routing', undefined], ['udp', 'good']]);
  });

  it('raw-IP link type', () => {
    const ip = buildPacket({ ipv4: v4, udp: { sport: 1, dport: 2 } }).subarray(14);
    expect(dissect(ip, LINKTYPE_RAW).summary).toBe('IP 10.0.0.2.1 > 10.0.0.1.2: UDP, length 0');
  });
});

describe('truncation and malformed input', () => {
  const syn = buildPacket({ ipv4: v4, tcp: { sport: 1, dport: 2, flags: 'S', options: linuxSynOptions(1) }, payload: 'data' });
  // eth 0..14, ip 14..34, tcp 34..74 (with options), payload 74..78

  it('reports the layer whose header is cut, at every cut point', () => {
    for (let n = 0; n < syn.length; n++) {
      const d = dissect(syn.subarray(0, n));
      const want = n < 14 ? 'eth' : n < 34 ? 'ip' : n < 74 ? 'tcp' : 'ip';
      expect(d.truncated?.proto, `cut at ${n}`).toBe(want);
      expect(d.truncated?.message).toMatch(/needs \d+ bytes at offset \d+, only \d+ captured/);
      if (n >= 74) expect(d.truncated?.message).toBe(`IPv4 datagram (total length 64) needs 64 bytes at offset 14, only ${n - 14} captured`);
      if (n >= 34 && n < 74) expect(d.summary).toMatch(/\[\|tcp\]$/);
      const tcp = d.layers.find((l) => l.proto === 'tcp');
      if (tcp?.checksum) expect(tcp.checksum.status).toBe('unverified');
    }
    expect(dissect(syn).truncated).toBeUndefined();
  });

  it('every cut of IPv6 / VLAN / ARP / ICMP frames is reported and never throws', () => {
    const frames = [
      buildPacket({ vlan: [{ vid: 1, tpid: 0x88a8 }, { vid: 2 }], ipv6: { ...v6, ext: [{ type: 'hop-by-hop' }, { type: 'dest-opts', options: [{ type: 7, data: Uint8Array.of(1, 2, 3) }] }] }, icmpv6: { type: 128, id: 1, seq: 1 }, payload: 'abcdefgh' }),
      buildPacket({ arp: { op: 'reply', sha: '02:00:00:00:00:09', spa: '1.2.3.4', tpa: '5.6.7.8' } }),
      buildPacket({ ipv4: { ...v4, options: [{ type: 'ra' }] }, icmp: { type: 0, id: 1, seq: 1 } }),
      buildPacket({ ipv4: v4, udp: { sport: 53, dport: 4000 }, payload: dnsResponse(1, 'a.example.org', 28, [new Uint8Array(16)]) }),
    ];
    for (const f of frames) {
      for (let n = 0; n < f.length; n++) {
        const d = dissect(f.subarray(0, n));
        expect(d.truncated, `cut at ${n} of ${dissect(f).summary}`).toBeDefined();
      }
      expect(dissect(f).truncated).toBeUndefined();
    }
  });

  it('lying length fields are problems, not crashes', () => {
    const p = buildPacket({ ipv4: v4, udp: { sport: 1, dport: 2, length: 500 }, payload: 'abc' });
    const d = dissect(p);
    expect(d.layers[2].problems).toEqual(['length field 500 runs past the IP payload (11 bytes)']);
    const ihl = buildPacket({ ipv4: v4, udp: { sport: 1, dport: 2 } });
    ihl[14] = 0x43; // IHL 12 bytes
    expect(dissect(ihl).layers[1].problems).toEqual(['header length 12 is below the minimum 20']);
    const tcp = buildPacket({ ipv4: v4, tcp: { sport: 1, dport: 2 } });
    tcp[46] = 0x30; // data offset 12
    expect(dissect(tcp).summary).toContain('[bad hdr length 12 - too short, < 20]');
  });

  it('random and mutated bytes never throw, and no field points outside the frame (30k frames, seeded)', () => {
    const rng = new Rng(42);
    const templates = [syn, buildPacket({ ipv6: { ...v6, ext: [{ type: 'fragment' }] }, udp: { sport: 53, dport: 53 }, payload: dnsQuery(1, 'x.y') })];
    const failures: string[] = [];
    for (let i = 0; i < 30000; i++) {
      let b: Uint8Array;
      if (i % 2) {
        b = rng.bytes(rng.int(120));
        if (b.length > 13 && rng.chance(0.7)) { b[12] = rng.pick([0x08, 0x86, 0x81]); b[13] = b[12] === 0x86 ? 0xdd : 0; }
      } else {
        b = rng.pick(templates).slice();
        for (let k = 0; k < 1 + rng.int(4); k++) b[rng.int(b.length)] = rng.int(256);
        b = b.subarray(0, rng.int(b.length + 1));
      }
      const d = dissect(b);
      if (d.summary.includes('dissector bug')) failures.push(`${Buffer.from(b).toString('hex')}: ${d.summary}`);
      for (const l of d.layers) {
        for (const f of l.fields) if (f.start < 0 || f.end > b.length || f.start > f.end) failures.push(`${Buffer.from(b).toString('hex')}: ${f.name} ${f.start}..${f.end}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  }, 60_000);
});
