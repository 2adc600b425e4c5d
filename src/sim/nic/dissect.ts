/**
 * The dissector for display: frame bytes → layers of named fields, each with the byte range it
 * occupies (so a hex view can highlight it), checksum status, and a one-line tcpdump-style summary
 * (`IP 10.0.0.2.34567 > 10.0.0.1.5001: UDP, length 18`).
 *
 * Field names follow Wireshark's display-filter names (`ip.src`, `udp.dstport`, `tcp.flags`) so a
 * user can carry them to Wireshark, and tests can compare against `tshark -T fields`. Values are
 * raw header values (TCP sequence numbers are absolute, as `tcpdump -S` prints them).
 *
 * Never throws on any input: a header that does not fit is reported on the layer where it happens
 * (`layer.truncated`; `dissection.truncated` names the first layer whose header is cut, or failing
 * that the first whose payload is), its fields that were captured are still shown (as Wireshark
 * does), and the summary ends in tcpdump's ` [|proto]` marker. Lengths inside headers that
 * disagree with the bytes present are reported as problems, not followed past the frame's end.
 *
 * This file: the data types, Ethernet / 802.1Q / ARP / IPv4 / IPv6 (with extension headers).
 * dissectL4.ts: ICMP, ICMPv6, UDP, TCP and the payload. Deliberately not here: reassembly of
 * fragments or TCP streams, application protocols beyond a label. Provenance: header layouts from
 * the RFCs named in spec.ts, summary format modelled on tcpdump's output; our own code.
 */
import { formatIPv4, formatIPv6, formatMac } from './addr.ts';
import { checksum } from './checksum.ts';
import { dissectL4 } from './dissectL4.ts';
import { ETH_P_8021AD, ETH_P_8021Q, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6 } from './spec.ts';

/** One header field and where its bytes are. */
export interface Field {
  /** Wireshark display-filter name (`ip.ttl`). */
  name: string;
  /** Human label (`Time to Live`). */
  label: string;
  /** The raw value: a number for integers, a string for addresses. */
  value: number | string;
  /** How the value is shown (`64`, `0x0800 (IPv4)`, `[S.]`). */
  display: string;
  /** Byte range [start, end) in the frame. */
  start: number;
  end: number;
  /** For bit fields: the bits of the (big-endian) bytes in range that hold the value. */
  mask?: number;
}

/**
 * `none`: UDP over IPv4 sent without a checksum (field 0, allowed); `illegal`: a zero UDP checksum
 * over IPv6, where it is mandatory; `unverified`: the bytes it covers are not all present.
 */
export type ChecksumStatus = 'good' | 'bad' | 'unverified' | 'none' | 'illegal';

/** One protocol layer. */
export interface Layer {
  /** Wireshark protocol name: eth, vlan, arp, ip, ipv6, icmp, icmpv6, udp, tcp, data. */
  proto: string;
  /** One-line title, as in Wireshark's tree (`Internet Protocol Version 4, Src: …, Dst: …`). */
  title: string;
  start: number;
  end: number;
  fields: Field[];
  /** Set when the layer's header (or the data its length fields promise) is not all present. */
  truncated?: string;
  /** Checksum verdict for layers that carry one. */
  checksum?: { status: ChecksumStatus; value: number; computed?: number };
  /** Inconsistencies that are not truncation (a length field that lies, a bad IHL). */
  problems?: string[];
  /** Part of the datagram quoted inside an ICMP/ICMPv6 error (cut short by design). */
  quoted?: boolean;
}

export interface Dissection {
  layers: Layer[];
  /** tcpdump-style one-line summary. */
  summary: string;
  /** The first layer whose header is cut short, and why. */
  truncated?: { proto: string; offset: number; message: string };
  /** Frame length in bytes. */
  length: number;
}

/** Link types the dissector understands (pcap LINKTYPE_* numbers). */
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;

/** Shared state while dissecting one frame. */
export interface Ctx {
  b: Uint8Array;
  layers: Layer[];
  /** Summary pieces, joined at the end. */
  parts: string[];
  /** The first layer whose header is cut short. */
  truncated?: Dissection['truncated'];
  /** The first layer whose payload (but not header) is cut short: reported when no header is. */
  payloadCut?: Dissection['truncated'];
}

export function be16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}
export function be32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}
export function hex(v: number, digits: number): string {
  return '0x' + (v || 0).toString(16).padStart(digits, '0');
}

/** Start a layer and register it. */
export function newLayer(c: Ctx, proto: string, title: string, start: number, end: number): Layer {
  const l: Layer = { proto, title, start, end, fields: [] };
  c.layers.push(l);
  return l;
}

/**
 * Add a field of `len` bytes at `start` (value/display computed by the caller). A field that ends
 * past the layer's end is not added: parsers of a cut header add every fixed field and keep those
 * whose bytes were captured, as Wireshark does (values computed from missing bytes are dropped).
 */
export function addField(
  l: Layer, name: string, label: string, start: number, len: number, value: number | string,
  display: string = String(value), mask?: number,
): void {
  if (start + len > l.end) return;
  const f: Field = { name, label, value, display, start, end: start + len };
  if (mask !== undefined) f.mask = mask;
  l.fields.push(f);
}

/**
 * Mark `l` truncated: `need` bytes at `off`, only `have` present. `payloadOnly`: the layer's own
 * header is whole but the data its length field promises is not (a short capture).
 */
export function truncate(c: Ctx, l: Layer, off: number, what: string, need: number, have: number, payloadOnly = false): void {
  const message = `${what} needs ${need} bytes at offset ${off}, only ${Math.max(0, have)} captured`;
  l.truncated = message;
  l.end = Math.min(l.end, c.b.length);
  if (payloadOnly) c.payloadCut ??= { proto: l.proto, offset: off, message };
  else c.truncated ??= { proto: l.proto, offset: off, message };
}

export function problem(l: Layer, msg: string): void {
  (l.problems ??= []).push(msg);
}

const ETHERTYPES: Record<number, string> = {
  [ETH_P_IP]: 'IPv4', [ETH_P_IPV6]: 'IPv6', [ETH_P_ARP]: 'ARP', [ETH_P_8021Q]: '802.1Q', [ETH_P_8021AD]: '802.1ad',
};

/** Dissect one frame of the given link type (default Ethernet). Never throws. */
export function dissect(bytes: Uint8Array, linktype: number = LINKTYPE_ETHERNET): Dissection {
  const c: Ctx = { b: bytes, layers: [], parts: [] };
  try {
    if (linktype === LINKTYPE_ETHERNET) dissectEth(c);
    else if (linktype === LINKTYPE_RAW || linktype === LINKTYPE_IPV4 || linktype === LINKTYPE_IPV6) {
      const v = bytes.length ? bytes[0] >> 4 : 0;
      if (v === 6) dissectIPv6(c, 0, bytes.length);
      else dissectIPv4(c, 0, bytes.length);
    } else {
      c.parts.push(`unsupported link type ${linktype}, length ${bytes.length}`);
    }
  } catch (err) {
    // An internal bug must not take the UI down: show it as a problem on the frame.
    c.parts.push(`[dissector bug: ${(err as Error).message}]`);
  }
  return { layers: c.layers, summary: c.parts.join(''), truncated: c.truncated ?? c.payloadCut, length: bytes.length };
}

function dissectEth(c: Ctx): void {
  const b = c.b;
  const l = newLayer(c, 'eth', 'Ethernet II', 0, Math.min(14, b.length));
  const dst = formatMac(b, 0), src = formatMac(b, 6);
  addField(l, 'eth.dst', 'Destination', 0, 6, dst);
  addField(l, 'eth.src', 'Source', 6, 6, src);
  if (b.length < 14) {
    truncate(c, l, 0, 'Ethernet header', 14, b.length);
    c.parts.push(' [|ether]');
    return;
  }
  l.title = `Ethernet II, Src: ${src}, Dst: ${dst}`;
  let off = 12;
  let type = be16(b, off);
  // 802.1Q tags are Wireshark's "vlan" layers; an 802.1ad (0x88a8) service tag is "ieee8021ad".
  let typeLayer = l;
  let typeName = 'eth.type';
  while (type === ETH_P_8021Q || type === ETH_P_8021AD) {
    addField(typeLayer, typeName, 'Type', off, 2, type, `${hex(type, 4)} (${ETHERTYPES[type]})`);
    const ad = type === ETH_P_8021AD;
    const pn = ad ? 'ieee8021ad' : 'vlan';
    const what = ad ? '802.1ad Provider Bridge (Q-in-Q)' : '802.1Q Virtual LAN';
    const v = newLayer(c, pn, what, off + 2, Math.min(off + 6, b.length));
    if (b.length < off + 6) {
      truncate(c, v, off + 2, `${ad ? '802.1ad' : '802.1Q'} tag`, 4, b.length - off - 2);
      c.parts.push(' [|vlan]');
      return;
    }
    const tci = be16(b, off + 2);
    const vid = tci & 0xfff, pcp = tci >> 13;
    v.title = `${what}, PRI: ${pcp}, DEI: ${(tci >> 12) & 1}, ID: ${vid}`;
    addField(v, `${pn}.priority`, 'Priority', off + 2, 2, pcp, String(pcp), 0xe000);
    addField(v, `${pn}.dei`, 'DEI', off + 2, 2, (tci >> 12) & 1, String((tci >> 12) & 1), 0x1000);
    addField(v, `${pn}.id`, 'ID', off + 2, 2, vid, String(vid), 0x0fff);
    // tcpdump prints the tag only with -e; its default line starts at the network layer
    off += 4;
    type = be16(b, off);
    typeLayer = v;
    typeName = `${pn}.etype`;
  }
  addField(typeLayer, typeName, 'Type', off, 2, type, `${hex(type, 4)}${ETHERTYPES[type] ? ` (${ETHERTYPES[type]})` : ''}`);
  off += 2;
  let used = b.length;
  if (type === ETH_P_IP) used = dissectIPv4(c, off, b.length);
  else if (type === ETH_P_IPV6) used = dissectIPv6(c, off, b.length);
  else if (type === ETH_P_ARP) used = dissectArp(c, off);
  else c.parts.push(`${src} > ${dst}, ethertype Unknown (${hex(type, 4)}), length ${b.length}: `);
  if (used < b.length && c.truncated === undefined) {
    // Bytes after what the L3 length fields cover: Ethernet padding to 60 bytes, or a trailer.
    const allZero = b.subarray(used).every((x) => x === 0);
    const n = b.length - used;
    // outside the eth layer's own range [0, 14), so pushed directly
    l.fields.push({ name: allZero ? 'eth.padding' : 'eth.trailer', label: allZero ? 'Padding' : 'Trailer', value: n, display: `${n} bytes`, start: used, end: b.length });
  }
}

function dissectArp(c: Ctx, off: number): number {
  const b = c.b;
  const l = newLayer(c, 'arp', 'Address Resolution Protocol', off, Math.min(off + 28, b.length));
  const htype = be16(b, off), ptype = be16(b, off + 2), hlen = b[off + 4], plen = b[off + 5], op = be16(b, off + 6);
  addField(l, 'arp.hw.type', 'Hardware type', off, 2, htype);
  addField(l, 'arp.proto.type', 'Protocol type', off + 2, 2, ptype, hex(ptype, 4));
  addField(l, 'arp.hw.size', 'Hardware size', off + 4, 1, hlen);
  addField(l, 'arp.proto.size', 'Protocol size', off + 5, 1, plen);
  const opName = op === 1 ? 'request' : op === 2 ? 'reply' : `unknown (${op})`;
  addField(l, 'arp.opcode', 'Opcode', off + 6, 2, op, `${op} (${opName})`);
  if (b.length < off + 8) {
    truncate(c, l, off, 'ARP header', 8, b.length - off);
    c.parts.push(' [|arp]');
    return b.length;
  }
  const total = 8 + 2 * hlen + 2 * plen;
  l.end = Math.min(off + total, b.length);
  if (htype !== 1 || ptype !== ETH_P_IP || hlen !== 6 || plen !== 4) {
    c.parts.push(`ARP, hardware type ${htype}, protocol ${hex(ptype, 4)}, length ${b.length - off}`);
    return Math.min(off + total, b.length);
  }
  const sha = formatMac(b, off + 8), spa = formatIPv4(b, off + 14), tha = formatMac(b, off + 18), tpa = formatIPv4(b, off + 24);
  addField(l, 'arp.src.hw_mac', 'Sender MAC address', off + 8, 6, sha);
  addField(l, 'arp.src.proto_ipv4', 'Sender IP address', off + 14, 4, spa);
  addField(l, 'arp.dst.hw_mac', 'Target MAC address', off + 18, 6, tha);
  addField(l, 'arp.dst.proto_ipv4', 'Target IP address', off + 24, 4, tpa);
  if (b.length < off + 28) {
    truncate(c, l, off, 'ARP packet', 28, b.length - off);
    c.parts.push(' [|arp]');
    return b.length;
  }
  l.title = `Address Resolution Protocol (${opName})`;
  const len = b.length - off;
  if (op === 1) c.parts.push(`ARP, Request who-has ${tpa} tell ${spa}, length ${len}`);
  else if (op === 2) c.parts.push(`ARP, Reply ${spa} is-at ${sha}, length ${len}`);
  else c.parts.push(`ARP, opcode ${op}, length ${len}`);
  return off + 28;
}

/** IPv4 at `off`; returns the end of the datagram within the frame (for padding detection). */
export function dissectIPv4(c: Ctx, off: number, frameEnd: number): number {
  const b = c.b;
  const l = newLayer(c, 'ip', 'Internet Protocol Version 4', off, Math.min(off + 20, frameEnd));
  const ver = b[off] >> 4, ihl = (b[off] & 15) * 4;
  addField(l, 'ip.version', 'Version', off, 1, ver, String(ver), 0xf0);
  addField(l, 'ip.hdr_len', 'Header Length', off, 1, ihl, `${ihl} bytes (${ihl / 4})`, 0x0f);
  addField(l, 'ip.dsfield', 'Differentiated Services Field', off + 1, 1, b[off + 1], hex(b[off + 1], 2));
  const tot = be16(b, off + 2);
  addField(l, 'ip.len', 'Total Length', off + 2, 2, tot);
  addField(l, 'ip.id', 'Identification', off + 4, 2, be16(b, off + 4), `${hex(be16(b, off + 4), 4)} (${be16(b, off + 4)})`);
  const fl = be16(b, off + 6);
  const flagStr = [fl & 0x8000 ? 'RB' : '', fl & 0x4000 ? 'DF' : '', fl & 0x2000 ? 'MF' : ''].filter(Boolean).join(', ');
  addField(l, 'ip.flags', 'Flags', off + 6, 1, fl >> 13, `${hex(fl >> 8 & 0xe0, 2)}${flagStr ? ` (${flagStr})` : ''}`, 0xe0);
  const fragOff = (fl & 0x1fff) * 8;
  addField(l, 'ip.frag_offset', 'Fragment Offset', off + 6, 2, fragOff, String(fragOff), 0x1fff);
  addField(l, 'ip.ttl', 'Time to Live', off + 8, 1, b[off + 8]);
  const proto = b[off + 9];
  addField(l, 'ip.proto', 'Protocol', off + 9, 1, proto, `${proto}${PROTO_NAMES[proto] ? ` (${PROTO_NAMES[proto]})` : ''}`);
  const ck = be16(b, off + 10);
  const src = formatIPv4(b, off + 12), dst = formatIPv4(b, off + 16);
  addField(l, 'ip.checksum', 'Header Checksum', off + 10, 2, ck, hex(ck, 4));
  addField(l, 'ip.src', 'Source Address', off + 12, 4, src);
  addField(l, 'ip.dst', 'Destination Address', off + 16, 4, dst);
  if (frameEnd < off + 20) {
    truncate(c, l, off, 'IPv4 header', 20, frameEnd - off);
    c.parts.push('IP  [|ip]');
    return frameEnd;
  }
  if (ver !== 4) problem(l, `version field is ${ver}, expected 4`);
  l.title = `Internet Protocol Version 4, Src: ${src}, Dst: ${dst}`;
  if (ihl < 20) {
    problem(l, `header length ${ihl} is below the minimum 20`);
    l.checksum = { status: 'unverified', value: ck };
    c.parts.push(`IP ${src} > ${dst}: [bad hdr length ${ihl} - too short, < 20]`);
    return Math.min(off + Math.max(tot, 20), frameEnd);
  }
  if (frameEnd < off + ihl) {
    truncate(c, l, off, 'IPv4 header with options', ihl, frameEnd - off);
    l.checksum = { status: 'unverified', value: ck };
    c.parts.push('IP  [|ip]');
    return frameEnd;
  }
  l.end = off + ihl;
  if (ihl > 20) ipv4Options(l, b, off + 20, off + ihl);
  // verifying over the header including the checksum field gives 0 when it is right
  const computedOver = checksum(b, off, off + ihl);
  l.checksum = { status: computedOver === 0 ? 'good' : 'bad', value: ck, computed: correctChecksum(b, off, ihl, 10) };
  let end = off + tot;
  if (tot < ihl) {
    problem(l, `total length ${tot} is smaller than the header length ${ihl}`);
    end = off + ihl;
  }
  if (end > frameEnd) {
    truncate(c, l, off, `IPv4 datagram (total length ${tot})`, tot, frameEnd - off, true);
    end = frameEnd;
  }
  const head = (sp?: number | string, dp?: number | string): string =>
    `IP ${src}${sp !== undefined ? `.${sp}` : ''} > ${dst}${dp !== undefined ? `.${dp}` : ''}: `;
  if (fragOff !== 0) {
    c.parts.push(`${head()}ip-proto-${proto}`);
    dataLayer(c, off + ihl, end);
    return off + tot <= frameEnd ? off + tot : frameEnd;
  }
  const mf = (fl & 0x2000) !== 0;
  dissectL4(c, proto, off + ihl, end, {
    family: 4, src: b.subarray(off + 12, off + 16), dst: b.subarray(off + 16, off + 20), head, complete: off + tot <= frameEnd && !mf, firstFragment: mf,
  });
  return Math.min(Math.max(off + tot, off + ihl), frameEnd);
}

/** The value the checksum field should hold (computed with the field taken as zero). */
function correctChecksum(b: Uint8Array, off: number, len: number, at: number): number {
  const copy = b.slice(off, off + len);
  copy[at] = 0;
  copy[at + 1] = 0;
  return checksum(copy);
}

function ipv4Options(l: Layer, b: Uint8Array, start: number, end: number): void {
  const names: Record<number, string> = { 0: 'End of Options List', 1: 'No-Operation', 7: 'Record Route', 68: 'Time Stamp', 130: 'Security', 131: 'Loose Source Route', 137: 'Strict Source Route', 148: 'Router Alert' };
  let o = start;
  while (o < end) {
    const t = b[o];
    if (t === 0 || t === 1) {
      addField(l, 'ip.opt.type', 'Option', o, 1, t, names[t]);
      o++;
      if (t === 0) {
        if (o < end) addField(l, 'ip.opt.padding', 'Padding', o, end - o, end - o, `${end - o} bytes`);
        return;
      }
      continue;
    }
    const len = o + 1 < end ? b[o + 1] : 0;
    if (len < 2 || o + len > end) {
      problem(l, `option ${t} at offset ${o} has bad length ${len}`);
      return;
    }
    addField(l, 'ip.opt.type', 'Option', o, len, t, `${names[t] ?? `Unknown (${t})`} (${len} bytes)`);
    o += len;
  }
}

export const PROTO_NAMES: Record<number, string> = {
  0: 'IPv6 Hop-by-Hop Option', 1: 'ICMP', 6: 'TCP', 17: 'UDP', 41: 'IPv6', 43: 'Routing Header for IPv6',
  44: 'Fragment Header for IPv6', 58: 'ICMPv6', 59: 'IPv6 No Next Header', 60: 'Destination Options for IPv6',
};

/** IPv6 at `off`; returns the end of the datagram within the frame. */
export function dissectIPv6(c: Ctx, off: number, frameEnd: number): number {
  const b = c.b;
  const l = newLayer(c, 'ipv6', 'Internet Protocol Version 6', off, Math.min(off + 40, frameEnd));
  const w0 = be32(b, off);
  const ver = w0 >>> 28, tc = (w0 >>> 20) & 0xff, flow = w0 & 0xfffff;
  addField(l, 'ipv6.version', 'Version', off, 1, ver, String(ver), 0xf0);
  addField(l, 'ipv6.tclass', 'Traffic Class', off, 2, tc, hex(tc, 2), 0x0ff0);
  addField(l, 'ipv6.flow', 'Flow Label', off + 1, 3, flow, hex(flow, 5), 0x0fffff);
  const plen = be16(b, off + 4);
  addField(l, 'ipv6.plen', 'Payload Length', off + 4, 2, plen);
  let nxt = b[off + 6];
  addField(l, 'ipv6.nxt', 'Next Header', off + 6, 1, nxt, `${nxt}${PROTO_NAMES[nxt] ? ` (${PROTO_NAMES[nxt]})` : ''}`);
  addField(l, 'ipv6.hlim', 'Hop Limit', off + 7, 1, b[off + 7]);
  const src = formatIPv6(b, off + 8), dst = formatIPv6(b, off + 24);
  addField(l, 'ipv6.src', 'Source Address', off + 8, 16, src);
  addField(l, 'ipv6.dst', 'Destination Address', off + 24, 16, dst);
  if (frameEnd < off + 40) {
    truncate(c, l, off, 'IPv6 header', 40, frameEnd - off);
    c.parts.push(' [|ip6]');
    return frameEnd;
  }
  if (ver !== 6) problem(l, `version field is ${ver}, expected 6`);
  l.title = `Internet Protocol Version 6, Src: ${src}, Dst: ${dst}`;
  let end = off + 40 + plen;
  if (end > frameEnd) {
    truncate(c, l, off, `IPv6 packet (payload length ${plen})`, 40 + plen, frameEnd - off, true);
    end = frameEnd;
  }
  // extension headers
  let o = off + 40;
  let finalDst = b.subarray(off + 24, off + 40);
  let frag: { offset: number; more: boolean; id: number } | undefined;
  // tcpdump names hop-by-hop and destination-options headers before the upper layer
  let extTags = '';
  while (nxt === 0 || nxt === 43 || nxt === 44 || nxt === 60) {
    const name = nxt === 0 ? 'hopopts' : nxt === 43 ? 'routing' : nxt === 44 ? 'fragment' : 'dstopts';
    const hl = newLayer(c, `ipv6.${name}`, PROTO_NAMES[nxt], o, Math.min(o + 8, end));
    if (end < o + 8) {
      truncate(c, hl, o, `IPv6 ${name} header`, 8, end - o);
      c.parts.push(`IP6 ${src} > ${dst}: ${extTags} [|ip6]`);
      return end;
    }
    const hdrLen = nxt === 44 ? 8 : (b[o + 1] + 1) * 8;
    if (end < o + hdrLen) {
      truncate(c, hl, o, `IPv6 ${name} header`, hdrLen, end - o);
      c.parts.push(`IP6 ${src} > ${dst}: ${extTags} [|ip6]`);
      return end;
    }
    hl.end = o + hdrLen;
    const next = b[o];
    addField(hl, `ipv6.${name}.nxt`, 'Next Header', o, 1, next);
    if (nxt === 0) extTags += 'HBH ';
    else if (nxt === 60) extTags += 'DSTOPT ';
    if (nxt === 44) {
      const fo = be16(b, o + 2);
      frag = { offset: (fo >> 3) * 8, more: (fo & 1) === 1, id: be32(b, o + 4) };
      addField(hl, 'ipv6.fragment.offset', 'Offset', o + 2, 2, fo >> 3, String(fo >> 3), 0xfff8);
      addField(hl, 'ipv6.fragment.more', 'More Fragments', o + 2, 2, fo & 1, fo & 1 ? 'Yes' : 'No', 0x0001);
      addField(hl, 'ipv6.fragment.id', 'Identification', o + 4, 4, frag.id, hex(frag.id, 8));
    } else {
      addField(hl, `ipv6.${name}.len`, 'Length', o + 1, 1, b[o + 1], `${b[o + 1]} (${hdrLen} bytes)`);
      if (nxt === 43) {
        const rtype = b[o + 2], left = b[o + 3];
        addField(hl, 'ipv6.routing.type', 'Type', o + 2, 1, rtype);
        addField(hl, 'ipv6.routing.segleft', 'Segments Left', o + 3, 1, left);
        const n = Math.floor((hdrLen - 8) / 16);
        if (left > 0 && n > 0) {
          const pick = rtype === 4 ? 0 : n - 1;
          finalDst = b.subarray(o + 8 + 16 * pick, o + 24 + 16 * pick);
        }
      }
    }
    o += hdrLen;
    nxt = next;
  }
  let head = (sp?: number | string, dp?: number | string): string =>
    `IP6 ${src}${sp !== undefined ? `.${sp}` : ''} > ${dst}${dp !== undefined ? `.${dp}` : ''}: ${extTags}`;
  if (frag && frag.offset !== 0) {
    c.parts.push(`${head()}frag (${frag.offset}|${end - o})`);
    dataLayer(c, o, end);
    return end;
  }
  if (frag || extTags) {
    // after an extension header's tag (or a first fragment's), tcpdump prints the ports without
    // the addresses: `IP6 a > b: frag (0|1232) 53094 > 5001: UDP, …`, `… DSTOPT 1 > 2: UDP, …`
    const tags = extTags + (frag ? `frag (0|${end - o}) ` : '');
    head = (sp, dp) => `IP6 ${src} > ${dst}: ${tags}${sp !== undefined ? `${sp} > ${dp}: ` : ''}`;
  }
  dissectL4(c, nxt, o, end, {
    family: 6, src: b.subarray(off + 8, off + 24), dst: finalDst, head, complete: off + 40 + plen <= frameEnd && !frag?.more, firstFragment: frag?.more,
  });
  return Math.max(end, o);
}

/** Bytes nobody decodes, as Wireshark's "data" layer. */
export function dataLayer(c: Ctx, start: number, end: number): void {
  if (end <= start) return;
  const l = newLayer(c, 'data', `Data (${end - start} bytes)`, start, end);
  addField(l, 'data.data', 'Data', start, end - start, end - start, `${end - start} bytes`);
}
