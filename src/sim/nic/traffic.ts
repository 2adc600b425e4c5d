/**
 * The traffic scenarios' planners (see scenario.ts for the framework):
 *
 *   web       normal traffic on eth0: HTTP and HTTPS connections to this host from LAN and
 *             Internet clients (handshake, request, ACKs, FIN), DNS answers from the resolver,
 *             DNS queries from LAN clients, ARP who-has, pings.
 *   iperf     an iperf2-style UDP stream 10.0.0.2 → 10.0.0.1:5001 (90%) over background that must
 *             not be confused with it: TCP to port 5001, UDP to 5002, IPv6 UDP to 5001, DNS, ARP,
 *             ICMP.
 *   synflood  SYNs to 10.0.0.1:80 from random spoofed Internet sources (95%) beside legitimate
 *             HTTP connections.
 *   botnet    a SYN flood to 10.0.0.1:80 from 50 bots that use their real addresses and send
 *             Linux-looking SYNs (60%), plus spoofed option-less hping3-style SYNs (30%), beside
 *             legitimate HTTP connections (10%).
 *   portscan  an nmap-style SYN scan from 203.0.113.66 over ports in a pseudo-random order, with
 *             the scanner's RST after each open port, over background web traffic.
 *   mixed     IPv4 and IPv6 together on lo, eth0 and eth1: UDP/TCP/ICMP/ICMPv6 in both
 *             families, neighbour solicitation, an MLDv2 report behind a hop-by-hop header, IPv6
 *             fragments, IPv4 with a Router Alert option (IGMPv2), 802.1Q-tagged frames on eth1.
 *
 * Every packet is ingress (arriving at the simulated host): destination MAC/IP are this host's
 * interface, sources are neighbours (interfaces.ts) or Internet hosts behind the gateway.
 * Deliberately not here: the host's replies (a SYN-ACK is the host's TX, not RX traffic).
 * Provenance: our own code; TCP option layouts as Linux and nmap send them.
 */
import type { Rng } from '../rng.ts';
import { parseIPv4, parseIPv6, parseMac } from './addr.ts';
import { buildPacket } from './build.ts';
import { checksum } from './checksum.ts';
import { IFINDEX_ETH0, IFINDEX_ETH1, IFINDEX_LO, ifBytes, INTERFACES, NEIGHBOURS } from './interfaces.ts';
import { dnsQuery, dnsResponse, httpGet, iperfDatagram, tlsRecord } from './payloads.ts';
import type { Intent, ScenarioDef, ScenarioOptions } from './scenario.ts';
import { linuxSynOptions, type PacketSpec, type TcpOption } from './spec.ts';
import { packetTemplate, type PacketTemplate } from './template.ts';

const ETH0 = ifBytes(INTERFACES[1]);
const ETH1 = ifBytes(INTERFACES[2]);
const LO = ifBytes(INTERFACES[0]);
const mac = (s: string): Uint8Array => parseMac(s)!;
const v4 = (s: string): Uint8Array => parseIPv4(s)!;
const v6 = (s: string): Uint8Array => parseIPv6(s)!;
const GW_MAC = mac(NEIGHBOURS.gateway.mac);
const IPERF = { mac: mac(NEIGHBOURS.iperfClient.mac), ip: v4(NEIGHBOURS.iperfClient.ipv4), ip6: v6(NEIGHBOURS.iperfClient.ipv6) };
const RESOLVER = { mac: mac(NEIGHBOURS.resolver.mac), ip: v4(NEIGHBOURS.resolver.ipv4) };
const LAN1 = { mac: mac(NEIGHBOURS.lanHost.mac), ip: v4(NEIGHBOURS.lanHost.ipv4), ip6: v6(NEIGHBOURS.lanHost.ipv6) };
const BCAST = mac('ff:ff:ff:ff:ff:ff');
const te = new TextEncoder();

const NAMES = ['example.com', 'www.wikipedia.org', 'api.github.com', 'cdn.jsdelivr.net', 'ebpf.io', 'kernel.org', 'deb.debian.org', 'news.ycombinator.com'];
const PATHS = ['/', '/index.html', '/api/v1/status', '/static/app.js', '/favicon.ico', '/login', '/images/logo.png'];

/** A host packets come from: its MAC on our link (the gateway's for Internet hosts) and its IP. */
interface Peer {
  mac: Uint8Array;
  ip: Uint8Array;
}

function ephemeral(rng: Rng): number {
  return 32768 + rng.int(61000 - 32768); // Linux ip_local_port_range 32768..60999
}

/** A random globally-routable-looking IPv4 address (skips private, loopback, multicast, reserved). */
export function randomPublicV4(rng: Rng): Uint8Array {
  for (;;) {
    const a = 1 + rng.int(223);
    if (a === 10 || a === 127 || a === 100 || a === 169 || a === 172 || a === 192 || a === 198 || a === 203) continue;
    return Uint8Array.of(a, rng.int(256), rng.int(256), 1 + rng.int(254));
  }
}

function lanClient(rng: Rng): Peer {
  const h = 10 + rng.int(90);
  return { mac: Uint8Array.of(0x52, 0x54, 0x00, 0x01, 0x00, h), ip: Uint8Array.of(10, 0, 0, h) };
}

function internetClient(rng: Rng): Peer {
  return { mac: GW_MAC, ip: randomPublicV4(rng) };
}

/** Ingress IPv4 frame on eth0 from `p`. */
function v4spec(p: Peer, rest: Omit<PacketSpec, 'eth' | 'ipv4'>, ip: { ttl?: number; id?: number; df?: boolean } = {}): PacketSpec {
  return { eth: { src: p.mac, dst: ETH0.mac }, ipv4: { src: p.ip, dst: ETH0.ipv4, ttl: ip.ttl ?? 64, id: ip.id ?? 0, df: ip.df ?? true }, ...rest };
}

/**
 * The client side of one TCP connection to this host on `dport`: SYN, ACK, the request segments,
 * an ACK of the response, FIN/ACK and the last ACK.
 */
function tcpConnection(rng: Rng, p: Peer, dport: number, request: Uint8Array[], kind: string): Intent[] {
  const sport = ephemeral(rng);
  let seq = rng.u32();
  const srvIsn = rng.u32();
  let ack = (srvIsn + 1) >>> 0;
  let ts = rng.u32() >>> 1;
  const ttl = p.mac === GW_MAC ? 40 + rng.int(20) : 64;
  let id = rng.int(65536);
  const out: Intent[] = [];
  const seg = (flags: string, payload?: Uint8Array, opts?: TcpOption[]): void => {
    out.push({
      ifindex: IFINDEX_ETH0, kind,
      spec: v4spec(p, {
        tcp: { sport, dport, seq, ack: flags.includes('A') ? ack : 0, flags, window: flags === 'S' ? 64240 : 502, options: opts ?? [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'ts', val: ts, ecr: 1000 }] },
        payload,
      }, { ttl, id: id++ & 0xffff }),
    });
    seq = (seq + (payload?.length ?? 0) + (flags.includes('S') || flags.includes('F') ? 1 : 0)) >>> 0;
    ts = (ts + 1 + rng.int(3)) >>> 0;
  };
  seg('S', undefined, linuxSynOptions(ts));
  seg('A');
  for (const r of request) seg('PA', r);
  const respLen = 200 + rng.int(3000);
  ack = (ack + respLen) >>> 0;
  seg('A');
  seg('FA');
  ack = (ack + 1) >>> 0;
  seg('A');
  return out;
}

function dnsAnswerIntent(rng: Rng, kind = 'dns-response'): Intent {
  const name = rng.pick(NAMES);
  const aaaa = rng.chance(0.3);
  const answers: Uint8Array[] = [];
  const n = rng.chance(0.1) ? 0 : 1 + rng.int(2);
  for (let i = 0; i < n; i++) answers.push(aaaa ? Uint8Array.of(0x26, 0x06, 0x47, 0x00, ...rng.bytes(12)) : randomPublicV4(rng));
  return {
    ifindex: IFINDEX_ETH0, kind,
    spec: v4spec(RESOLVER, { udp: { sport: 53, dport: ephemeral(rng) }, payload: dnsResponse(rng.int(65536), name, aaaa ? 28 : 1, answers) }, { df: false, id: rng.int(65536) }),
  };
}

function dnsQueryIntent(rng: Rng): Intent {
  const c = lanClient(rng);
  return {
    ifindex: IFINDEX_ETH0, kind: 'dns-query',
    spec: v4spec(c, { udp: { sport: ephemeral(rng), dport: 53 }, payload: dnsQuery(rng.int(65536), rng.pick(NAMES), rng.chance(0.3) ? 28 : 1) }, { df: false, id: rng.int(65536) }),
  };
}

function arpIntent(rng: Rng): Intent {
  const c = lanClient(rng);
  return {
    ifindex: IFINDEX_ETH0, kind: 'arp',
    spec: { eth: { src: c.mac, dst: BCAST, padTo: 60 }, arp: { op: 'request', sha: c.mac, spa: c.ip, tpa: ETH0.ipv4 } },
  };
}

function pingIntent(rng: Rng): Intent {
  const c = lanClient(rng);
  return {
    ifindex: IFINDEX_ETH0, kind: 'icmp-echo',
    spec: v4spec(c, { icmp: { type: 8, id: rng.int(65536), seq: 1 + rng.int(20) }, payload: rng.bytes(56) }, { id: rng.int(65536) }),
  };
}

/**
 * Interleave short flows: keep up to `maxActive` flows open, start new ones with `start`, and
 * emit the next packet of a randomly chosen open flow.
 */
function flowMixer(rng: Rng, start: () => Intent[], maxActive = 8): () => Intent {
  const active: Intent[][] = [];
  return () => {
    if (active.length === 0 || (active.length < maxActive && rng.chance(0.35))) active.push(start());
    const k = rng.int(active.length);
    const it = active[k].shift()!;
    if (active[k].length === 0) active.splice(k, 1);
    return it;
  };
}

function webFlow(rng: Rng): Intent[] {
  switch (rng.weighted([35, 25, 25, 7, 4, 4])) {
    case 0: {
      const c = rng.chance(0.5) ? lanClient(rng) : internetClient(rng);
      return tcpConnection(rng, c, 80, [httpGet('10.0.0.1', rng.pick(PATHS))], 'http');
    }
    case 1: {
      const c = rng.chance(0.3) ? lanClient(rng) : internetClient(rng);
      return tcpConnection(rng, c, 443, [tlsRecord(rng.bytes(200 + rng.int(400))), tlsRecord(rng.bytes(40 + rng.int(200)))], 'https');
    }
    case 2: return [dnsAnswerIntent(rng)];
    case 3: return [dnsQueryIntent(rng)];
    case 4: return [arpIntent(rng)];
    default: return [pingIntent(rng)];
  }
}

const web: ScenarioDef = {
  name: 'web',
  description: 'normal web and DNS traffic on eth0: HTTP/HTTPS connections, DNS answers and queries, ARP, ping',
  defaultCount: 1000,
  defaultRatePps: 2000,
  makePlanner: (rng) => flowMixer(rng, () => webFlow(rng)),
};

/**
 * An iperf datagram's spec: its 1470-byte payload is built only when read (a prototype getter, so
 * a spread copy of the spec drops it); `iperfFast` builds the same bytes from a patched template.
 */
class IperfSpec implements PacketSpec {
  eth: PacketSpec['eth'];
  ipv4: PacketSpec['ipv4'];
  udp: PacketSpec['udp'];
  readonly #seq: number;
  readonly #i: number;
  readonly #opts: Required<ScenarioOptions>;
  constructor(peer: Peer, sport: number, seq: number, id: number, i: number, opts: Required<ScenarioOptions>) {
    const s = v4spec(peer, { udp: { sport: 0, dport: 5001 } }, { id });
    this.eth = s.eth;
    this.ipv4 = s.ipv4;
    this.udp = { sport, dport: 5001 };
    this.#seq = seq;
    this.#i = i;
    this.#opts = opts;
  }
  get payload(): Uint8Array {
    return iperfDatagram(this.#seq, this.sendNs, this.#opts.payloadLen);
  }
  get seq(): number {
    return this.#seq;
  }
  /** The send time the datagram carries: the scenario start plus i packet intervals. */
  get sendNs(): bigint {
    return this.#opts.startNs + BigInt(this.#i) * BigInt(Math.round(1e9 / this.#opts.ratePps));
  }
  get index(): number {
    return this.#i;
  }
}

/** Bytes of an IperfSpec from a template of the run's first datagram: IP id and payload header patched. */
function iperfFast(opts: Required<ScenarioOptions>): (spec: PacketSpec) => Uint8Array {
  let tmpl: PacketTemplate | undefined;
  const startSec = Number(opts.startNs / 1_000_000_000n);
  const startRem = Number(opts.startNs % 1_000_000_000n);
  const interval = Math.round(1e9 / opts.ratePps);
  return (sp) => {
    const spec = sp as IperfSpec;
    tmpl ??= packetTemplate(buildPacket(spec));
    const s = spec.seq;
    const pid = spec.ipv4!.id!;
    let sec: number, usec: number;
    const off = startRem + spec.index * interval;
    if (Number.isSafeInteger(off)) {
      sec = startSec + Math.floor(off / 1e9);
      usec = Math.floor((off % 1e9) / 1000);
    } else {
      const t = spec.sendNs;
      sec = Number(t / 1_000_000_000n);
      usec = Number((t % 1_000_000_000n) / 1000n);
    }
    sec >>>= 0;
    // iperfDatagram's header: seq, send time seconds, microseconds (big-endian), at UDP payload 0
    return tmpl.emit([
      [18, pid >> 8, pid & 0xff],
      [42, (s >>> 24) & 0xff, (s >>> 16) & 0xff, (s >>> 8) & 0xff, s & 0xff, sec >>> 24, (sec >>> 16) & 0xff, (sec >>> 8) & 0xff, sec & 0xff,
        usec >>> 24, (usec >>> 16) & 0xff, (usec >>> 8) & 0xff, usec & 0xff],
    ]);
  };
}

const iperf: ScenarioDef = {
  name: 'iperf',
  description: 'iperf2-style UDP stream 10.0.0.2 -> 10.0.0.1:5001 on eth0 (90%) with background traffic',
  defaultCount: 10000,
  defaultRatePps: 100000,
  makePlanner: (rng, opts: Required<ScenarioOptions>) => {
    const sport = ephemeral(rng);
    let seq = 0;
    let id = rng.int(65536);
    const fast = iperfFast(opts);
    return (i: number): Intent => {
      if (rng.chance(0.9)) {
        const spec = new IperfSpec(IPERF, sport, seq++, id++ & 0xffff, i, opts);
        return { ifindex: IFINDEX_ETH0, kind: 'iperf', spec, build: fast };
      }
      switch (rng.weighted([2, 2, 1, 2, 1, 1])) {
        case 0: // TCP segment to port 5001 (an iperf TCP test beside the UDP one): not UDP
          return { ifindex: IFINDEX_ETH0, kind: 'tcp-5001', spec: v4spec(IPERF, { tcp: { sport: ephemeral(rng), dport: 5001, seq: rng.u32(), ack: rng.u32(), flags: 'PA' }, payload: rng.bytes(64) }) };
        case 1: // another UDP stream to 5002
          return { ifindex: IFINDEX_ETH0, kind: 'udp-5002', spec: v4spec(IPERF, { udp: { sport: ephemeral(rng), dport: 5002 }, payload: rng.bytes(100) }) };
        case 2: // the same port over IPv6
          return {
            ifindex: IFINDEX_ETH0, kind: 'udp6-5001',
            spec: { eth: { src: IPERF.mac, dst: ETH0.mac }, ipv6: { src: IPERF.ip6, dst: ETH0.ipv6 }, udp: { sport: ephemeral(rng), dport: 5001 }, payload: iperfDatagram(rng.int(1000), opts.startNs, 64) },
          };
        case 3: return dnsAnswerIntent(rng);
        case 4: return arpIntent(rng);
        default: return pingIntent(rng);
      }
    };
  },
};

const synflood: ScenarioDef = {
  name: 'synflood',
  description: 'TCP SYN flood to 10.0.0.1:80 from random spoofed sources (95%) beside legitimate HTTP connections',
  defaultCount: 10000,
  defaultRatePps: 200000,
  makePlanner: (rng) => {
    const lr = rng.fork('legit');
    const legit = flowMixer(lr, () =>
      tcpConnection(lr, lr.chance(0.5) ? lanClient(lr) : internetClient(lr), 80, [httpGet('10.0.0.1', lr.pick(PATHS))], 'legit'), 4);
    return (): Intent => {
      if (!rng.chance(0.95)) return legit();
      const src: Peer = { mac: GW_MAC, ip: randomPublicV4(rng) };
      const hping = rng.chance(0.5); // hping3-style: window 512, no options; else a Linux-looking SYN
      return {
        ifindex: IFINDEX_ETH0, kind: 'flood-syn',
        spec: v4spec(src, {
          tcp: { sport: 1024 + rng.int(64512), dport: 80, seq: rng.u32(), flags: 'S', window: hping ? 512 : 64240, options: hping ? [] : linuxSynOptions(rng.u32()) },
        }, { ttl: 32 + rng.int(96), id: rng.int(65536), df: !hping }),
      };
    };
  },
};

const botnet: ScenarioDef = {
  name: 'botnet',
  description: 'SYN flood to 10.0.0.1:80 from 50 bots with real addresses and Linux-like SYNs (60%), spoofed hping3-style SYNs (30%), legitimate HTTP connections (10%)',
  defaultCount: 10000,
  defaultRatePps: 200000,
  makePlanner: (rng) => {
    const bots = Array.from({ length: 50 }, () => randomPublicV4(rng));
    const lr = rng.fork('legit');
    const legit = flowMixer(lr, () =>
      tcpConnection(lr, lr.chance(0.5) ? lanClient(lr) : internetClient(lr), 80, [httpGet('10.0.0.1', lr.pick(PATHS))], 'legit'), 4);
    return (): Intent => {
      const k = rng.weighted([60, 30, 10]);
      if (k === 2) return legit();
      const bot = k === 0;
      return {
        ifindex: IFINDEX_ETH0, kind: bot ? 'bot-syn' : 'spoofed-syn',
        spec: v4spec({ mac: GW_MAC, ip: bot ? rng.pick(bots) : randomPublicV4(rng) }, {
          tcp: { sport: 1024 + rng.int(64512), dport: 80, seq: rng.u32(), flags: 'S', window: bot ? 64240 : 512, options: bot ? linuxSynOptions(rng.u32()) : [] },
        }, { ttl: 32 + rng.int(96), id: rng.int(65536), df: bot }),
      };
    };
  },
};

const OPEN_PORTS = new Set([22, 80, 443, 5001]);

const portscan: ScenarioDef = {
  name: 'portscan',
  description: 'nmap-style SYN scan of 10.0.0.1 from 203.0.113.66 in pseudo-random port order, RST after open ports, over background web traffic',
  defaultCount: 2000,
  defaultRatePps: 5000,
  makePlanner: (rng) => {
    const scanner: Peer = { mac: GW_MAC, ip: v4('203.0.113.66') };
    const sport = 40000 + rng.int(20000);
    // port = (a·k + b) mod 65535 + 1 is a permutation of 1..65535 when gcd(a, 65535) = 1
    let a = 1 + 2 * rng.int(30000);
    while (a % 3 === 0 || a % 5 === 0 || a % 17 === 0 || a % 257 === 0) a += 2;
    const b = rng.int(65535);
    let k = 0;
    const pending: Intent[] = [];
    const bg = rng.fork('background');
    const background = flowMixer(bg, () => webFlow(bg), 4);
    const probe = (port: number, flags: string, seq: number): Intent => ({
      ifindex: IFINDEX_ETH0, kind: flags === 'S' ? 'probe' : 'probe-rst',
      spec: v4spec(scanner, { tcp: { sport, dport: port, seq, flags, window: flags === 'S' ? 1024 : 0, options: flags === 'S' ? [{ kind: 'mss', value: 1460 }] : [] } }, { ttl: 37 + rng.int(20), id: rng.int(65536), df: false }),
    });
    return (): Intent => {
      if (pending.length) return pending.shift()!;
      if (!rng.chance(0.9)) return background();
      const port = ((a * k + b) % 65535) + 1;
      k++;
      const seq = rng.u32();
      if (OPEN_PORTS.has(port)) pending.push(probe(port, 'R', (seq + 1) >>> 0));
      return probe(port, 'S', seq);
    };
  },
};

/** A well-formed payload for the port: DNS/mDNS query, NTP client request, iperf datagram, else opaque bytes. */
function udpPayload(rng: Rng, dport: number): Uint8Array {
  if (dport === 53 || dport === 5353) return dnsQuery(dport === 53 ? rng.int(65536) : 0, rng.pick(NAMES), rng.chance(0.3) ? 28 : 1);
  if (dport === 123) return Uint8Array.of(0x23, ...new Array<number>(39).fill(0), ...rng.bytes(8)); // NTPv4 client, transmit time
  if (dport === 5001) return iperfDatagram(rng.int(100000), 0n, 64 + rng.int(64));
  return rng.bytes(8 + rng.int(120));
}

/** IGMPv2 membership report for `group` (type 0x16), checksum filled. */
function igmpReport(group: Uint8Array): Uint8Array {
  const m = Uint8Array.of(0x16, 0, 0, 0, ...group);
  const c = checksum(m);
  m[2] = c >> 8;
  m[3] = c & 0xff;
  return m;
}

const mixed: ScenarioDef = {
  name: 'mixed',
  description: 'IPv4 and IPv6 on lo, eth0 and eth1: UDP/TCP/ICMP/ICMPv6, neighbour discovery, MLDv2 behind hop-by-hop, IPv6 fragments, IPv4 options, 802.1Q VLANs',
  defaultCount: 1000,
  defaultRatePps: 10000,
  makePlanner: (rng) => {
    const pending: Intent[] = [];
    const e6 = (src: Uint8Array, rest: Omit<PacketSpec, 'eth' | 'ipv6'>, ip6: Partial<NonNullable<PacketSpec['ipv6']>> = {}, smac = IPERF.mac): PacketSpec =>
      ({ eth: { src: smac, dst: ETH0.mac }, ipv6: { src, dst: ETH0.ipv6, ...ip6 }, ...rest });
    const remote6 = (): Uint8Array => Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, ...rng.bytes(12));
    return (): Intent => {
      if (pending.length) return pending.shift()!;
      switch (rng.weighted([14, 10, 5, 12, 10, 6, 4, 3, 4, 8, 8, 4, 4, 4])) {
        case 0: {
          const dport = rng.pick([53, 123, 5001, 5353, 9999]);
          return { ifindex: IFINDEX_ETH0, kind: 'udp4', spec: v4spec(IPERF, { udp: { sport: ephemeral(rng), dport }, payload: udpPayload(rng, dport) }) };
        }
        case 1: return { ifindex: IFINDEX_ETH0, kind: 'tcp4', spec: v4spec(internetClient(rng), { tcp: { sport: ephemeral(rng), dport: rng.pick([22, 80, 443]), seq: rng.u32(), flags: 'S', options: linuxSynOptions(rng.u32()) } }) };
        case 2: return pingIntent(rng);
        case 3: {
          const dport = rng.pick([53, 5001, 5353]);
          return { ifindex: IFINDEX_ETH0, kind: 'udp6', spec: e6(IPERF.ip6, { udp: { sport: ephemeral(rng), dport }, payload: udpPayload(rng, dport) }) };
        }
        case 4: return { ifindex: IFINDEX_ETH0, kind: 'tcp6', spec: e6(remote6(), { tcp: { sport: ephemeral(rng), dport: rng.pick([22, 80, 443]), seq: rng.u32(), flags: 'S', options: linuxSynOptions(rng.u32()) } }, { hopLimit: 50 + rng.int(14) }, GW_MAC) };
        case 5: return { ifindex: IFINDEX_ETH0, kind: 'icmp6-echo', spec: e6(IPERF.ip6, { icmpv6: { type: 128, id: rng.int(65536), seq: 1 + rng.int(50) }, payload: rng.bytes(56) }) };
        case 6: { // neighbour solicitation for our address, to its solicited-node multicast group
          return {
            ifindex: IFINDEX_ETH0, kind: 'icmp6-ns',
            spec: { eth: { src: IPERF.mac, dst: mac('33:33:ff:00:00:01') }, ipv6: { src: IPERF.ip6, dst: v6('ff02::1:ff00:1'), hopLimit: 255 }, icmpv6: { type: 135, target: ETH0.ipv6, lladdr: IPERF.mac } },
          };
        }
        case 7: { // MLDv2 report behind a hop-by-hop Router Alert
          const rec = Uint8Array.of(4, 0, 0, 0, ...v6('ff02::fb'));
          return {
            ifindex: IFINDEX_ETH0, kind: 'mldv2',
            spec: { eth: { src: IPERF.mac, dst: mac('33:33:00:00:00:16') }, ipv6: { src: v6('fe80::5054:ff:fe00:2'), dst: v6('ff02::16'), hopLimit: 1, ext: [{ type: 'hop-by-hop', options: [{ type: 'ra', value: 0 }] }] }, icmpv6: { type: 143, rest: 1 }, payload: rec },
          };
        }
        case 8: { // a UDP datagram over IPv6 in two fragments
          const body = rng.bytes(1300 + rng.int(200)); // always more than the first fragment holds
          const sport = ephemeral(rng);
          const whole = buildPacket(e6(IPERF.ip6, { udp: { sport, dport: 5001 }, payload: body }));
          const udpBytes = whole.subarray(14 + 40);
          const id = rng.u32();
          const cut = 1232;
          pending.push({ ifindex: IFINDEX_ETH0, kind: 'ipv6-frag', spec: e6(IPERF.ip6, { payload: udpBytes.slice(cut) }, { nextHeader: 17, ext: [{ type: 'fragment', offset: cut / 8, more: false, id }] }) });
          return { ifindex: IFINDEX_ETH0, kind: 'ipv6-frag', spec: e6(IPERF.ip6, { payload: udpBytes.slice(0, cut) }, { nextHeader: 17, ext: [{ type: 'fragment', offset: 0, more: true, id }] }) };
        }
        case 9: { // 802.1Q-tagged traffic on eth1
          const vid = rng.pick([10, 20]);
          const dport = rng.pick([514, 5001, 9999]);
          const vlanPayload = dport === 514 ? te.encode(`<38>Jan  1 00:00:0${rng.int(10)} lan sshd[${rng.int(30000)}]: Accepted publickey for admin`) : udpPayload(rng, dport);
          return {
            ifindex: IFINDEX_ETH1, kind: 'vlan',
            spec: { eth: { src: LAN1.mac, dst: ETH1.mac }, vlan: { vid, pcp: rng.int(8) }, ipv4: { src: LAN1.ip, dst: ETH1.ipv4, id: rng.int(65536) }, udp: { sport: ephemeral(rng), dport }, payload: vlanPayload },
          };
        }
        case 10: { // untagged eth1 LAN traffic, both families
          if (rng.chance(0.5)) {
            return { ifindex: IFINDEX_ETH1, kind: 'eth1-tcp4', spec: { eth: { src: LAN1.mac, dst: ETH1.mac }, ipv4: { src: LAN1.ip, dst: ETH1.ipv4, df: true }, tcp: { sport: ephemeral(rng), dport: 22, seq: rng.u32(), ack: rng.u32(), flags: 'PA' }, payload: rng.bytes(36 + rng.int(100)) } };
          }
          return { ifindex: IFINDEX_ETH1, kind: 'eth1-udp6', spec: { eth: { src: LAN1.mac, dst: ETH1.mac }, ipv6: { src: LAN1.ip6, dst: ETH1.ipv6 }, udp: { sport: ephemeral(rng), dport: 5001 }, payload: rng.bytes(32) } };
        }
        case 11: { // loopback: statsd over UDP, zero MACs as Linux's lo uses
          return { ifindex: IFINDEX_LO, kind: 'lo-udp', spec: { eth: { src: LO.mac, dst: LO.mac }, ipv4: { src: LO.ipv4, dst: LO.ipv4, df: true }, udp: { sport: ephemeral(rng), dport: 8125 }, payload: `app.requests:${1 + rng.int(9)}|c` } };
        }
        case 12: { // IGMPv2 report with a Router Alert IP option
          const group = v4('239.1.1.1');
          return {
            ifindex: IFINDEX_ETH0, kind: 'igmp',
            spec: { eth: { src: IPERF.mac, dst: mac('01:00:5e:01:01:01') }, ipv4: { src: IPERF.ip, dst: group, ttl: 1, proto: 2, options: [{ type: 'ra' }] }, payload: igmpReport(group) },
          };
        }
        default: { // ARP reply to us
          return { ifindex: IFINDEX_ETH0, kind: 'arp', spec: { eth: { src: IPERF.mac, dst: ETH0.mac, padTo: 60 }, arp: { op: 'reply', sha: IPERF.mac, spa: IPERF.ip, tha: ETH0.mac, tpa: ETH0.ipv4 } } };
        }
      }
    };
  },
};

export const SCENARIO_DEFS: readonly ScenarioDef[] = [web, iperf, synflood, portscan, mixed, botnet];
