/**
 * The packet zoo: hand-written specs covering the builder's and dissector's corners (every TCP
 * flag and option kind, ICMP errors, IPv6 extension headers, ND, VLAN stacks, DNS, broken
 * checksums, lying lengths, frames cut short). The recorder writes them to a pcap and stores
 * tcpdump's and tshark's view of it; the tests compare our dissector's summaries and fields with
 * those recordings. Each entry: a name, the spec, and optionally a snap length that cuts the
 * frame (to exercise truncation).
 *
 * Deliberately not here: expectations (they come from the tools). Provenance: our own packets.
 */
import { buildPacket } from '../nic/build.ts';
import { dnsQuery, dnsResponse, httpGet } from '../nic/payloads.ts';
import { linuxSynOptions, type PacketSpec } from '../nic/spec.ts';

const v4 = { src: '10.0.0.2', dst: '10.0.0.1' };
const v6 = { src: 'fd00::2', dst: 'fd00::1' };
const eth = { src: '52:54:00:00:00:02', dst: '52:54:00:12:34:56' };

/** An IPv4 UDP datagram to quote inside ICMP errors. */
const quoted = buildPacket({ eth, ipv4: { ...v4, id: 7 }, udp: { sport: 40000, dport: 33434 }, payload: 'probe' }).subarray(14, 14 + 28);

export interface ZooEntry {
  name: string;
  spec: PacketSpec;
  /** Keep only this many bytes of the frame (original length stays the full frame). */
  snap?: number;
}

export const ZOO: ZooEntry[] = [
  { name: 'udp', spec: { eth, ipv4: v4, udp: { sport: 34567, dport: 5001 }, payload: 'x'.repeat(18) } },
  { name: 'udp-zero-checksum', spec: { eth, ipv4: v4, udp: { sport: 1000, dport: 2000, checksum: 0 }, payload: 'abc' } },
  { name: 'udp-bad-checksum', spec: { eth, ipv4: v4, udp: { sport: 1000, dport: 2000, checksum: 0x1234 }, payload: 'abc' } },
  { name: 'ip-bad-checksum', spec: { eth, ipv4: { ...v4, checksum: 0xbeef }, udp: { sport: 1000, dport: 2000 }, payload: 'abc' } },
  { name: 'syn', spec: { eth, ipv4: { ...v4, df: true }, tcp: { sport: 40000, dport: 80, seq: 100, flags: 'S', options: linuxSynOptions(7, 0) } } },
  { name: 'syn-ack', spec: { eth, ipv4: v4, tcp: { sport: 80, dport: 40000, seq: 5, ack: 101, flags: 'SA', window: 65160, options: [{ kind: 'mss', value: 1460 }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }, { kind: 'sackOK' }, { kind: 'eol' }] } } },
  { name: 'ack-sack', spec: { eth, ipv4: v4, tcp: { sport: 40000, dport: 80, seq: 101, ack: 6, flags: 'A', options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [[1000, 2000], [3000, 4000]] }] } } },
  { name: 'http-get', spec: { eth, ipv4: v4, tcp: { sport: 40000, dport: 80, seq: 101, ack: 6, flags: 'PA', window: 502 }, payload: httpGet('10.0.0.1', '/') } },
  { name: 'http-nonhttp', spec: { eth, ipv4: v4, tcp: { sport: 40000, dport: 80, seq: 101, ack: 6, flags: 'PA' }, payload: 'hello there' } },
  { name: 'seq-wrap', spec: { eth, ipv4: v4, tcp: { sport: 40000, dport: 22, seq: 4294967290, ack: 6, flags: 'PA' }, payload: '0123456789abcdef' } },
  { name: 'rst', spec: { eth, ipv4: v4, tcp: { sport: 1, dport: 2, seq: 9, flags: 'R', window: 0 } } },
  { name: 'rst-ack', spec: { eth, ipv4: v4, tcp: { sport: 1, dport: 2, seq: 0, ack: 10, flags: 'RA', window: 0 } } },
  { name: 'fin-ack', spec: { eth, ipv4: v4, tcp: { sport: 1, dport: 2, seq: 50, ack: 60, flags: 'FA' } } },
  { name: 'ecn-syn', spec: { eth, ipv4: v4, tcp: { sport: 1, dport: 2, seq: 1, flags: 'SEC' } } },
  { name: 'urg', spec: { eth, ipv4: v4, tcp: { sport: 1, dport: 23, seq: 1, ack: 1, flags: 'UPA', urgent: 1 }, payload: '!' } },
  { name: 'no-flags', spec: { eth, ipv4: v4, tcp: { sport: 1, dport: 2, seq: 1, flags: 0 } } },
  { name: 'tcp-bad-checksum', spec: { eth, ipv4: v4, tcp: { sport: 1, dport: 2, seq: 1, flags: 'S', checksum: 0 } } },
  { name: 'ping', spec: { eth, ipv4: v4, icmp: { type: 8, id: 1, seq: 2 }, payload: new Uint8Array(56) } },
  { name: 'pong', spec: { eth, ipv4: { src: v4.dst, dst: v4.src }, icmp: { type: 0, id: 1, seq: 2 }, payload: new Uint8Array(56) } },
  { name: 'port-unreachable', spec: { eth, ipv4: { src: '10.0.0.1', dst: '10.0.0.2' }, icmp: { type: 3, code: 3 }, payload: quoted } },
  { name: 'host-unreachable', spec: { eth, ipv4: { src: '10.0.0.254', dst: '10.0.0.2' }, icmp: { type: 3, code: 1 }, payload: quoted } },
  { name: 'time-exceeded', spec: { eth, ipv4: { src: '10.0.0.254', dst: '10.0.0.2' }, icmp: { type: 11, code: 0 }, payload: quoted } },
  { name: 'ip-options-ra', spec: { eth, ipv4: { ...v4, options: [{ type: 'ra' }] }, udp: { sport: 1, dport: 2 } } },
  { name: 'ip-options-rr', spec: { eth, ipv4: { ...v4, options: [{ type: 'nop' }, { type: 'rr', slots: 3, addrs: ['10.0.0.254'] }] }, icmp: { type: 8, id: 3, seq: 1 } } },
  { name: 'ip-fragment-later', spec: { eth, ipv4: { ...v4, id: 99, fragOffset: 185, proto: 17 }, payload: new Uint8Array(40) } },
  { name: 'ip-proto-unknown', spec: { eth, ipv4: { ...v4, proto: 253 }, payload: 'abcd' } },
  { name: 'igmp-v2-report', spec: { eth, ipv4: { src: '10.0.0.2', dst: '239.1.1.1', ttl: 1, proto: 2, options: [{ type: 'ra' }] }, payload: Uint8Array.of(0x16, 0, 0xfa, 0xfd, 239, 1, 1, 1) } },
  { name: 'arp-request', spec: { eth: { src: eth.src, dst: 'ff:ff:ff:ff:ff:ff' }, arp: { op: 'request', sha: eth.src, spa: '10.0.0.2', tpa: '10.0.0.1' } } },
  { name: 'arp-reply-padded', spec: { eth: { ...eth, padTo: 60 }, arp: { op: 'reply', sha: eth.src, spa: '10.0.0.2', tha: eth.dst, tpa: '10.0.0.1' } } },
  { name: 'vlan', spec: { eth, vlan: { vid: 100, pcp: 3 }, ipv4: v4, udp: { sport: 1, dport: 2 } } },
  { name: 'qinq', spec: { eth, vlan: [{ vid: 200, tpid: 0x88a8 }, { vid: 100 }], ipv4: v4, udp: { sport: 1, dport: 2 } } },
  { name: 'unknown-ethertype', spec: { eth: { ...eth, type: 0x88b5 }, payload: 'abcd' } },
  { name: 'dns-query', spec: { eth, ipv4: { src: '10.0.0.2', dst: '10.0.0.53' }, udp: { sport: 40000, dport: 53 }, payload: dnsQuery(4660, 'example.com') } },
  { name: 'dns-aaaa-query', spec: { eth, ipv4: { src: '10.0.0.2', dst: '10.0.0.53' }, udp: { sport: 40001, dport: 53 }, payload: dnsQuery(1, 'ebpf.io', 28) } },
  { name: 'dns-response', spec: { eth, ipv4: { src: '10.0.0.53', dst: '10.0.0.2' }, udp: { sport: 53, dport: 40000 }, payload: dnsResponse(4660, 'example.com', 1, [Uint8Array.of(93, 184, 216, 34), Uint8Array.of(93, 184, 216, 35)]) } },
  { name: 'dns-nxdomain', spec: { eth, ipv4: { src: '10.0.0.53', dst: '10.0.0.2' }, udp: { sport: 53, dport: 40000 }, payload: dnsResponse(77, 'nope.example', 1, []) } },
  { name: 'ntp', spec: { eth, ipv4: v4, udp: { sport: 40000, dport: 123 }, payload: Uint8Array.of(0x23, ...new Array(47).fill(0)) } },
  { name: 'syslog', spec: { eth, ipv4: v4, udp: { sport: 40000, dport: 514 }, payload: '<13>Jan  1 00:00:00 host app: hello' } },
  { name: 'udp6', spec: { eth, ipv6: v6, udp: { sport: 34567, dport: 5001 }, payload: 'abc' } },
  { name: 'tcp6-syn', spec: { eth, ipv6: v6, tcp: { sport: 40000, dport: 443, seq: 7, flags: 'S', options: linuxSynOptions(1) } } },
  { name: 'echo6', spec: { eth, ipv6: v6, icmpv6: { type: 128, id: 9, seq: 1 }, payload: new Uint8Array(56) } },
  { name: 'echo6-reply', spec: { eth, ipv6: { src: v6.dst, dst: v6.src }, icmpv6: { type: 129, id: 9, seq: 1 }, payload: new Uint8Array(56) } },
  { name: 'ns', spec: { eth: { src: eth.src, dst: '33:33:ff:00:00:01' }, ipv6: { src: 'fd00::2', dst: 'ff02::1:ff00:1', hopLimit: 255 }, icmpv6: { type: 135, target: 'fd00::1', lladdr: eth.src } } },
  { name: 'na', spec: { eth, ipv6: { src: 'fd00::1', dst: 'fd00::2', hopLimit: 255 }, icmpv6: { type: 136, target: 'fd00::1', lladdr: eth.dst } } },
  { name: 'rs', spec: { eth: { src: eth.src, dst: '33:33:00:00:00:02' }, ipv6: { src: 'fe80::2', dst: 'ff02::2', hopLimit: 255 }, icmpv6: { type: 133, lladdr: eth.src } } },
  { name: 'mldv2', spec: { eth: { src: eth.src, dst: '33:33:00:00:00:16' }, ipv6: { src: 'fe80::2', dst: 'ff02::16', hopLimit: 1, ext: [{ type: 'hop-by-hop', options: [{ type: 'ra', value: 0 }] }] }, icmpv6: { type: 143, rest: 1 }, payload: Uint8Array.of(4, 0, 0, 0, 0xff, 2, ...new Array(13).fill(0), 0xfb) } },
  { name: 'dstopts-udp', spec: { eth, ipv6: { ...v6, ext: [{ type: 'dest-opts', options: [{ type: 0x1e, data: Uint8Array.of(1, 2) }] }] }, udp: { sport: 1, dport: 2 } } },
  { name: 'frag6-first', spec: { eth, ipv6: { ...v6, nextHeader: 17, ext: [{ type: 'fragment', offset: 0, more: true, id: 5 }] }, payload: Uint8Array.of(0x9c, 0x40, 0x13, 0x89, 0x00, 0x40, 0, 0, ...new Array(16).fill(0x61)) } },
  { name: 'frag6-later', spec: { eth, ipv6: { ...v6, nextHeader: 17, ext: [{ type: 'fragment', offset: 3, more: false, id: 5 }] }, payload: new Uint8Array(40) } },
  { name: 'udp-length-lies', spec: { eth, ipv4: v4, udp: { sport: 1, dport: 2, length: 500 }, payload: 'abc' } },
  { name: 'cut-in-ip', spec: { eth, ipv4: v4, udp: { sport: 1, dport: 2 }, payload: 'hello' }, snap: 24 },
  { name: 'cut-in-tcp', spec: { eth, ipv4: v4, tcp: { sport: 40000, dport: 80, seq: 1, flags: 'S', options: linuxSynOptions(1) } }, snap: 50 },
  { name: 'cut-in-tcp-options', spec: { eth, ipv4: v4, tcp: { sport: 40000, dport: 80, seq: 1, flags: 'S', options: linuxSynOptions(1) } }, snap: 60 },
  { name: 'cut-in-payload', spec: { eth, ipv4: v4, udp: { sport: 1, dport: 2 }, payload: 'hello world' }, snap: 45 },
  { name: 'cut-in-udp', spec: { eth, ipv4: v4, udp: { sport: 1, dport: 2 } }, snap: 38 },
  { name: 'cut-in-ipv6', spec: { eth, ipv6: v6, udp: { sport: 1, dport: 2 } }, snap: 40 },
  { name: 'cut-in-arp', spec: { eth, arp: { op: 'request', sha: eth.src, spa: '10.0.0.2', tpa: '10.0.0.1' } }, snap: 30 },
  { name: 'cut-in-eth', spec: { eth, ipv4: v4, udp: { sport: 1, dport: 2 } }, snap: 10 },
];

/** The zoo's frames as capture records (timestamps 1 ms apart from 2026-01-01). */
export function zooPackets(): Array<{ timestampNs: bigint; bytes: Uint8Array; origLen: number }> {
  return ZOO.map((z, i) => {
    const full = buildPacket(z.spec);
    return { timestampNs: 1_767_225_600_000_000_000n + BigInt(i) * 1_000_000n, bytes: full.subarray(0, z.snap ?? full.length), origLen: full.length };
  });
}
