/**
 * The packet builder: a `PacketSpec` (spec.ts) → the bytes of an Ethernet frame, with lengths,
 * protocol numbers and checksums filled in (IPv4 header checksum; ICMP over its message; UDP, TCP
 * and ICMPv6 over the RFC 768 / RFC 8200 pseudo-header). Layers are built from the inside out so
 * each one knows the length of what it carries.
 *
 *   buildPacket({ eth: {src, dst}, ipv4: {src: '10.0.0.2', dst: '10.0.0.1'},
 *                 udp: {sport: 34567, dport: 5001}, payload: 'hello' })   → Uint8Array
 *
 * `buildPacketResult` never throws: a bad spec (unparseable address, out-of-range field, two L3
 * layers) gives `value: undefined` and diagnostics naming the field (`ipv4.src: …`).
 * `buildPacket` is the convenience form for specs written in code; it throws on a bad spec, which
 * is a programming error there.
 *
 * Deliberately not here: fragmentation of large payloads (build each fragment yourself with
 * `mf`/`fragOffset`), Ethernet FCS (captures do not carry it). Provenance: RFC layouts listed in
 * spec.ts; our own code.
 */
import { DiagCode } from '../../diag/codes.ts';
import type { Diagnostic } from '../../diag/diagnostic.ts';
import { parseIPv4, parseIPv6, parseMac } from './addr.ts';
import { addSums, checksum, pseudoSum4, pseudoSum6, sum16 } from './checksum.ts';
import {
  ETH_P_8021Q, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6, IPPROTO_DSTOPTS, IPPROTO_FRAGMENT, IPPROTO_HOPOPTS,
  IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_ROUTING, IPPROTO_TCP, IPPROTO_UDP,
  type Addr, type Ipv4Option, type Ipv6Ext, type PacketSpec, type TcpOption,
} from './spec.ts';

const te = new TextEncoder();

class Errors {
  list: string[] = [];
  add(msg: string): void {
    this.list.push(msg);
  }
  mac(a: Addr | undefined, path: string, dflt: string): Uint8Array {
    return this.addr(a ?? dflt, path, 6, parseMac, 'a MAC address');
  }
  v4(a: Addr, path: string): Uint8Array {
    return this.addr(a, path, 4, parseIPv4, 'an IPv4 address');
  }
  v6(a: Addr, path: string): Uint8Array {
    return this.addr(a, path, 16, parseIPv6, 'an IPv6 address');
  }
  private addr(a: Addr, path: string, n: number, parse: (s: string) => Uint8Array | undefined, what: string): Uint8Array {
    if (a instanceof Uint8Array) {
      if (a.length === n) return a;
      this.add(`${path}: ${a.length} bytes given, ${what} has ${n}`);
      return new Uint8Array(n);
    }
    const b = parse(String(a));
    if (!b) {
      this.add(`${path}: '${String(a)}' is not ${what}`);
      return new Uint8Array(n);
    }
    return b;
  }
  int(v: number | undefined, dflt: number, bits: number, path: string): number {
    const x = v ?? dflt;
    const max = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
    if (!Number.isInteger(x) || x < 0 || x > max) {
      this.add(`${path}: ${x} is out of range 0..${max}`);
      return 0;
    }
    return x;
  }
}

/**
 * Zeroed frames carved out of 1 MiB chunks: a fresh Uint8Array over 64 bytes is an off-heap
 * allocation that costs about as much as building the packet. A chunk lives while any frame cut
 * from it does; the frames share its buffer (copy one before transferring its buffer).
 */
export function frameArena(chunkSize = 1 << 20): (n: number) => Uint8Array {
  let chunk = new Uint8Array(0);
  let used = 0;
  return (n) => {
    if (used + n > chunk.length) {
      chunk = new Uint8Array(Math.max(chunkSize, n));
      used = 0;
    }
    const b = chunk.subarray(used, used + n);
    used += (n + 7) & ~7;
    return b;
  };
}

function be16(b: Uint8Array, off: number, v: number): void {
  b[off] = (v >>> 8) & 0xff;
  b[off + 1] = v & 0xff;
}
function be32(b: Uint8Array, off: number, v: number): void {
  b[off] = (v >>> 24) & 0xff;
  b[off + 1] = (v >>> 16) & 0xff;
  b[off + 2] = (v >>> 8) & 0xff;
  b[off + 3] = v & 0xff;
}
function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Build a frame; never throws. */
export function buildPacketResult(spec: PacketSpec, alloc?: (n: number) => Uint8Array): { value: Uint8Array | undefined; diagnostics: Diagnostic[] } {
  const e = new Errors();
  let bytes: Uint8Array | undefined;
  try {
    bytes = build(spec, e, alloc);
  } catch (err) {
    // only reachable with a spec that is not a PacketSpec at run time (JSON from elsewhere)
    e.add(`malformed packet spec: ${(err as Error).message}`);
  }
  if (e.list.length) {
    return {
      value: undefined,
      diagnostics: e.list.map((message) => ({ code: DiagCode.BadPacketSpec, severity: 'error' as const, message })),
    };
  }
  return { value: bytes, diagnostics: [] };
}

/**
 * Build a frame from a spec written in code; throws on a bad spec (a programming error).
 * `alloc` gives the frame's (zeroed) bytes, e.g. carved from a shared chunk (frameArena).
 */
export function buildPacket(spec: PacketSpec, alloc?: (n: number) => Uint8Array): Uint8Array {
  const r = buildPacketResult(spec, alloc);
  if (!r.value) throw new Error(`buildPacket: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.value;
}

function build(spec: PacketSpec, e: Errors, alloc?: (n: number) => Uint8Array): Uint8Array {
  const n3 = (spec.arp ? 1 : 0) + (spec.ipv4 ? 1 : 0) + (spec.ipv6 ? 1 : 0);
  const n4 = (spec.icmp ? 1 : 0) + (spec.icmpv6 ? 1 : 0) + (spec.udp ? 1 : 0) + (spec.tcp ? 1 : 0);
  if (n3 > 1 || n4 > 1 || (n4 && !spec.ipv4 && !spec.ipv6)) {
    const l3 = [spec.arp && 'arp', spec.ipv4 && 'ipv4', spec.ipv6 && 'ipv6'].filter(Boolean);
    const l4 = [spec.icmp && 'icmp', spec.icmpv6 && 'icmpv6', spec.udp && 'udp', spec.tcp && 'tcp'].filter(Boolean);
    if (l3.length > 1) e.add(`only one of arp, ipv4, ipv6 may be given (got ${l3.join(', ')})`);
    if (l4.length > 1) e.add(`only one of icmp, icmpv6, udp, tcp may be given (got ${l4.join(', ')})`);
    if (l4.length && !spec.ipv4 && !spec.ipv6) e.add(`${l4[0]} needs an ipv4 or ipv6 layer`);
  }
  if (spec.icmp && spec.ipv6) e.add('icmp is IPv4-only; use icmpv6 over ipv6');
  if (spec.icmpv6 && spec.ipv4) e.add('icmpv6 needs ipv6');
  const payload = typeof spec.payload === 'string' ? te.encode(spec.payload) : spec.payload ?? new Uint8Array(0);

  // --- L3 addresses first: L4 checksums need them
  let src4: Uint8Array | undefined, dst4: Uint8Array | undefined;
  let src6: Uint8Array | undefined, dst6: Uint8Array | undefined;
  if (spec.ipv4) {
    src4 = e.v4(spec.ipv4.src, 'ipv4.src');
    dst4 = e.v4(spec.ipv4.dst, 'ipv4.dst');
  }
  let finalDst6: Uint8Array | undefined;
  if (spec.ipv6) {
    src6 = e.v6(spec.ipv6.src, 'ipv6.src');
    dst6 = e.v6(spec.ipv6.dst, 'ipv6.dst');
    finalDst6 = dst6;
    for (const [i, x] of (spec.ipv6.ext ?? []).entries()) {
      if (x.type === 'routing' && (x.segmentsLeft ?? x.addresses.length) > 0 && x.addresses.length) {
        const pick = (x.routingType ?? 4) === 4 ? x.addresses[0] : x.addresses[x.addresses.length - 1];
        finalDst6 = e.v6(pick, `ipv6.ext[${i}].addresses`);
      }
    }
  }

  // --- L4
  // headers are kept apart from the payload and the frame is assembled once at the end
  let l4hdr: Uint8Array = new Uint8Array(0);
  let proto: number | undefined;
  if (spec.udp) {
    const u = spec.udp;
    const h = new Uint8Array(8);
    be16(h, 0, e.int(u.sport, 0, 16, 'udp.sport'));
    be16(h, 2, e.int(u.dport, 0, 16, 'udp.dport'));
    be16(h, 4, e.int(u.length, 8 + payload.length, 16, 'udp.length'));
    l4hdr = h;
    proto = IPPROTO_UDP;
    l4Checksum(h, payload, 6, u.checksum, proto, src4, dst4, src6, finalDst6, true, e, 'udp.checksum');
  } else if (spec.tcp) {
    const t = spec.tcp;
    const opts = tcpOptions(t.options ?? [], e);
    const h = new Uint8Array(20 + opts.length);
    be16(h, 0, e.int(t.sport, 0, 16, 'tcp.sport'));
    be16(h, 2, e.int(t.dport, 0, 16, 'tcp.dport'));
    be32(h, 4, e.int(t.seq, 0, 32, 'tcp.seq'));
    be32(h, 8, e.int(t.ack, 0, 32, 'tcp.ack'));
    h[12] = (h.length / 4) << 4;
    h[13] = tcpFlags(t.flags, t.ack !== undefined && t.ack !== 0, e);
    be16(h, 14, e.int(t.window, 64240, 16, 'tcp.window'));
    be16(h, 18, e.int(t.urgent, 0, 16, 'tcp.urgent'));
    h.set(opts, 20);
    l4hdr = h;
    proto = IPPROTO_TCP;
    l4Checksum(h, payload, 16, t.checksum, proto, src4, dst4, src6, finalDst6, false, e, 'tcp.checksum');
  } else if (spec.icmp) {
    const c = spec.icmp;
    const h = new Uint8Array(8);
    h[0] = e.int(c.type, 0, 8, 'icmp.type');
    h[1] = e.int(c.code, 0, 8, 'icmp.code');
    if (c.id !== undefined || c.seq !== undefined) {
      be16(h, 4, e.int(c.id, 0, 16, 'icmp.id'));
      be16(h, 6, e.int(c.seq, 0, 16, 'icmp.seq'));
    } else {
      be32(h, 4, e.int(c.rest, 0, 32, 'icmp.rest'));
    }
    l4hdr = h;
    proto = IPPROTO_ICMP;
    be16(h, 2, c.checksum !== undefined ? e.int(c.checksum, 0, 16, 'icmp.checksum') : ~addSums(sum16(h), sum16(payload)) & 0xffff);
  } else if (spec.icmpv6) {
    const c = spec.icmpv6;
    const type = e.int(c.type, 0, 8, 'icmpv6.type');
    let body: Uint8Array;
    if (type === 128 || type === 129) {
      body = new Uint8Array(4);
      be16(body, 0, e.int(c.id, 0, 16, 'icmpv6.id'));
      be16(body, 2, e.int(c.seq, 0, 16, 'icmpv6.seq'));
    } else if (type === 135 || type === 136) {
      const ll = c.lladdr !== undefined ? e.mac(c.lladdr, 'icmpv6.lladdr', '') : undefined;
      body = new Uint8Array(20 + (ll ? 8 : 0));
      if (type === 136) body[0] = e.int(c.naFlags, 0x60, 8, 'icmpv6.naFlags');
      body.set(e.v6(c.target ?? '::', 'icmpv6.target'), 4);
      if (ll) {
        body[20] = type === 135 ? 1 : 2; // source / target link-layer address option
        body[21] = 1; // length in 8-byte units
        body.set(ll, 22);
      }
    } else if (type === 133 && c.lladdr !== undefined) {
      body = new Uint8Array(12);
      body[4] = 1;
      body[5] = 1;
      body.set(e.mac(c.lladdr, 'icmpv6.lladdr', ''), 6);
    } else {
      body = new Uint8Array(4);
      be32(body, 0, e.int(c.rest, 0, 32, 'icmpv6.rest'));
    }
    const h = new Uint8Array(4);
    h[0] = type;
    h[1] = e.int(c.code, 0, 8, 'icmpv6.code');
    l4hdr = concat([h, body]);
    proto = IPPROTO_ICMPV6;
    l4Checksum(l4hdr, payload, 2, c.checksum, proto, src4, dst4, src6, finalDst6, false, e, 'icmpv6.checksum');
  }

  // --- L3
  const l4len = l4hdr.length + payload.length;
  let l3hdr: Uint8Array = new Uint8Array(0);
  let ethType: number | undefined;
  if (spec.ipv4 && src4 && dst4) {
    const p = spec.ipv4;
    const opts = ipv4Options(p.options ?? [], e);
    const h = new Uint8Array(20 + opts.length);
    h[0] = 0x40 | (h.length / 4);
    h[1] = e.int(p.tos, 0, 8, 'ipv4.tos');
    be16(h, 2, e.int(p.totalLength, h.length + l4len, 16, 'ipv4.totalLength'));
    be16(h, 4, e.int(p.id, 0, 16, 'ipv4.id'));
    const frag = e.int(p.fragOffset, 0, 13, 'ipv4.fragOffset');
    be16(h, 6, (p.df ? 0x4000 : 0) | (p.mf ? 0x2000 : 0) | frag);
    h[8] = e.int(p.ttl, 64, 8, 'ipv4.ttl');
    if (p.proto === undefined && proto === undefined) e.add('ipv4.proto: required when no L4 layer is given');
    h[9] = e.int(p.proto, proto ?? 0, 8, 'ipv4.proto');
    h.set(src4, 12);
    h.set(dst4, 16);
    h.set(opts, 20);
    be16(h, 10, p.checksum !== undefined ? e.int(p.checksum, 0, 16, 'ipv4.checksum') : checksum(h));
    l3hdr = h;
    ethType = ETH_P_IP;
  } else if (spec.ipv6 && src6 && dst6) {
    const p = spec.ipv6;
    if (p.nextHeader === undefined && proto === undefined) e.add('ipv6.nextHeader: required when no L4 layer is given');
    const last = e.int(p.nextHeader, proto ?? 0, 8, 'ipv6.nextHeader');
    const exts = ipv6Exts(p.ext ?? [], last, e);
    const first = exts.first ?? last;
    const h = new Uint8Array(40);
    const tc = e.int(p.trafficClass, 0, 8, 'ipv6.trafficClass');
    const fl = e.int(p.flowLabel, 0, 20, 'ipv6.flowLabel');
    be32(h, 0, ((6 << 28) | (tc << 20) | fl) >>> 0);
    be16(h, 4, e.int(p.payloadLength, exts.bytes.length + l4len, 16, 'ipv6.payloadLength'));
    h[6] = first;
    h[7] = e.int(p.hopLimit, 64, 8, 'ipv6.hopLimit');
    h.set(src6, 8);
    h.set(dst6, 24);
    l3hdr = concat([h, exts.bytes]);
    ethType = ETH_P_IPV6;
  } else if (spec.arp) {
    const a = spec.arp;
    const h = new Uint8Array(28);
    be16(h, 0, 1); // hardware type Ethernet
    be16(h, 2, ETH_P_IP);
    h[4] = 6;
    h[5] = 4;
    const op = a.op === 'request' ? 1 : a.op === 'reply' ? 2 : a.op;
    be16(h, 6, e.int(op, 1, 16, 'arp.op'));
    h.set(e.mac(a.sha, 'arp.sha', ''), 8);
    h.set(e.v4(a.spa, 'arp.spa'), 14);
    h.set(e.mac(a.tha, 'arp.tha', '00:00:00:00:00:00'), 18);
    h.set(e.v4(a.tpa, 'arp.tpa'), 24);
    l3hdr = h;
    ethType = ETH_P_ARP;
  }

  // --- L2
  const eth = spec.eth ?? {};
  if (eth.type === undefined && ethType === undefined) e.add('eth.type: required when no L3 layer is given');
  const tags = spec.vlan === undefined ? [] : Array.isArray(spec.vlan) ? spec.vlan : [spec.vlan];
  const h = new Uint8Array(14 + 4 * tags.length);
  h.set(e.mac(eth.dst, 'eth.dst', '02:00:00:00:00:01'), 0);
  h.set(e.mac(eth.src, 'eth.src', '02:00:00:00:00:02'), 6);
  let o = 12;
  for (const [i, t] of tags.entries()) {
    be16(h, o, e.int(t.tpid, ETH_P_8021Q, 16, `vlan[${i}].tpid`));
    const tci = (e.int(t.pcp, 0, 3, `vlan[${i}].pcp`) << 13) | (t.dei ? 0x1000 : 0) | e.int(t.vid, 0, 12, `vlan[${i}].vid`);
    be16(h, o + 2, tci);
    o += 4;
  }
  be16(h, o, e.int(eth.type, ethType ?? 0, 16, 'eth.type'));
  const padTo = e.int(eth.padTo, 0, 16, 'eth.padTo');
  const len = h.length + l3hdr.length + l4len;
  const frame = alloc ? alloc(Math.max(len, padTo)) : new Uint8Array(Math.max(len, padTo));
  frame.set(h, 0);
  frame.set(l3hdr, h.length);
  frame.set(l4hdr, h.length + l3hdr.length);
  frame.set(payload, h.length + l3hdr.length + l4hdr.length);
  return frame;
}

/**
 * Fill the L4 checksum at `at` in `hdr` unless overridden; UDP's computed 0 is sent as 0xffff.
 * The segment is `hdr` then `payload`; `hdr` has even length, so their sums simply add.
 */
function l4Checksum(
  hdr: Uint8Array, payload: Uint8Array, at: number, override: number | undefined, proto: number,
  src4: Uint8Array | undefined, dst4: Uint8Array | undefined, src6: Uint8Array | undefined,
  dst6: Uint8Array | undefined, isUdp: boolean, e: Errors, path: string,
): void {
  if (override !== undefined) {
    be16(hdr, at, e.int(override, 0, 16, path));
    return;
  }
  const len = hdr.length + payload.length;
  let pseudo = 0;
  if (src4 && dst4) pseudo = pseudoSum4(src4, dst4, proto, len);
  else if (src6 && dst6) pseudo = pseudoSum6(src6, dst6, proto, len);
  let c = ~addSums(addSums(pseudo, sum16(hdr)), sum16(payload)) & 0xffff;
  if (isUdp && c === 0) c = 0xffff;
  be16(hdr, at, c);
}

function tcpFlags(f: string | number | undefined, hasAck: boolean, e: Errors): number {
  if (f === undefined) return hasAck ? 0x10 : 0;
  if (typeof f === 'number') return e.int(f, 0, 8, 'tcp.flags');
  const bits: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, '.': 0x10, U: 0x20, E: 0x40, C: 0x80, W: 0x80 };
  let v = 0;
  for (const ch of f.toUpperCase()) {
    if (!(ch in bits)) {
      e.add(`tcp.flags: unknown flag letter '${ch}' (use F S R P A U E C)`);
      continue;
    }
    v |= bits[ch];
  }
  return v;
}

const NONE = new Uint8Array(0);

function tcpOptions(opts: TcpOption[], e: Errors): Uint8Array {
  if (opts.length === 0) return NONE;
  const out: number[] = [];
  for (const [i, o] of opts.entries()) {
    const path = `tcp.options[${i}]`;
    switch (o.kind) {
      case 'eol': out.push(0); break;
      case 'nop': out.push(1); break;
      case 'mss': { const v = e.int(o.value, 0, 16, path); out.push(2, 4, v >> 8, v & 0xff); break; }
      case 'wscale': out.push(3, 3, e.int(o.shift, 0, 8, path)); break;
      case 'sackOK': out.push(4, 2); break;
      case 'sack': {
        out.push(5, 2 + 8 * o.blocks.length);
        for (const [l, r] of o.blocks) {
          for (const v of [e.int(l, 0, 32, path), e.int(r, 0, 32, path)]) out.push(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
        }
        break;
      }
      case 'ts': {
        out.push(8, 10);
        for (const v of [e.int(o.val, 0, 32, path), e.int(o.ecr, 0, 32, path)]) out.push(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
        break;
      }
      default: {
        const data = o.data ?? new Uint8Array(0);
        out.push(e.int(o.kind, 0, 8, path), 2 + data.length, ...data);
      }
    }
  }
  while (out.length % 4) out.push(0); // end-of-option-list padding
  if (out.length > 40) e.add(`tcp.options: ${out.length} bytes of options, at most 40 fit`);
  return Uint8Array.from(out.slice(0, 40));
}

function ipv4Options(opts: Ipv4Option[], e: Errors): Uint8Array {
  if (opts.length === 0) return NONE;
  const out: number[] = [];
  for (const [i, o] of opts.entries()) {
    const path = `ipv4.options[${i}]`;
    if (o.type === 'eol') out.push(0);
    else if (o.type === 'nop') out.push(1);
    else if (o.type === 'ra') out.push(148, 4, 0, 0);
    else if (o.type === 'rr') {
      const addrs = o.addrs ?? [];
      const slots = e.int(o.slots, 0, 8, path);
      if (addrs.length > slots) e.add(`${path}: ${addrs.length} addresses recorded but only ${slots} slots`);
      out.push(7, 3 + 4 * slots, 4 + 4 * addrs.length);
      for (let k = 0; k < slots; k++) out.push(...(k < addrs.length ? e.v4(addrs[k], `${path}.addrs[${k}]`) : [0, 0, 0, 0]));
    } else {
      const data = o.data ?? new Uint8Array(0);
      out.push(e.int(o.type, 0, 8, path), 2 + data.length, ...data);
    }
  }
  while (out.length % 4) out.push(0);
  if (out.length > 40) e.add(`ipv4.options: ${out.length} bytes of options, at most 40 fit`);
  return Uint8Array.from(out.slice(0, 40));
}

const EXT_PROTO: Record<Ipv6Ext['type'], number> = {
  'hop-by-hop': IPPROTO_HOPOPTS, 'dest-opts': IPPROTO_DSTOPTS, routing: IPPROTO_ROUTING, fragment: IPPROTO_FRAGMENT,
};

/** Encode extension headers, chaining next-header bytes; `first` is the protocol of the first. */
function ipv6Exts(exts: Ipv6Ext[], last: number, e: Errors): { bytes: Uint8Array; first: number | undefined } {
  const parts: Uint8Array[] = [];
  for (const [i, x] of exts.entries()) {
    const next = i + 1 < exts.length ? EXT_PROTO[exts[i + 1].type] : last;
    const path = `ipv6.ext[${i}]`;
    let b: Uint8Array;
    if (x.type === 'fragment') {
      b = new Uint8Array(8);
      be16(b, 2, (e.int(x.offset, 0, 13, `${path}.offset`) << 3) | (x.more ? 1 : 0));
      be32(b, 4, e.int(x.id, 0, 32, `${path}.id`));
    } else if (x.type === 'routing') {
      b = new Uint8Array(8 + 16 * x.addresses.length);
      b[1] = 2 * x.addresses.length;
      b[2] = e.int(x.routingType, 4, 8, `${path}.routingType`);
      b[3] = e.int(x.segmentsLeft, x.addresses.length, 8, `${path}.segmentsLeft`);
      if (b[2] === 4) b[4] = x.addresses.length - 1; // SRH: last entry index
      x.addresses.forEach((a, k) => b.set(e.v6(a, `${path}.addresses[${k}]`), 8 + 16 * k));
    } else {
      const body: number[] = [];
      for (const [k, o] of (x.options ?? []).entries()) {
        if (o.type === 'ra') {
          const v = e.int(o.value, 0, 16, `${path}.options[${k}]`);
          body.push(5, 2, v >> 8, v & 0xff);
        } else {
          const data = o.data ?? new Uint8Array(0);
          body.push(e.int(o.type, 0, 8, `${path}.options[${k}]`), data.length, ...data);
        }
      }
      // pad (2 header bytes + options) to a multiple of 8 with Pad1 / PadN
      const pad = (8 - ((2 + body.length) % 8)) % 8;
      if (pad === 1) body.push(0);
      else if (pad > 1) body.push(1, pad - 2, ...new Array<number>(pad - 2).fill(0));
      b = new Uint8Array(2 + body.length);
      b.set(body, 2);
      b[1] = b.length / 8 - 1;
    }
    b[0] = next;
    parts.push(b);
  }
  return { bytes: concat(parts), first: exts.length ? EXT_PROTO[exts[0].type] : undefined };
}
