/**
 * The dissector's transport layer: ICMP, ICMPv6, UDP and TCP headers (TCP options included),
 * checksum verification over the pseudo-header, the payload as a `data` layer, and the summary
 * text after `IP a.p > b.q: ` as tcpdump prints it (`Flags [S.], seq 1, ack 2, win 64240,
 * options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0`).
 *
 * A checksum is `good`/`bad` only when the whole segment is present (not cut by the capture, not a
 * first fragment); otherwise `unverified`. A UDP checksum of 0 over IPv4 means "none" (RFC 768),
 * over IPv6 it is `illegal` (RFC 8200 §8.1). ICMP errors' quoted datagrams are dissected as
 * `quoted` layers. Summaries (including IGMP, NTP, syslog, DNS and the HTTP request line on port
 * 80) are checked line for line against tcpdump 4.99 output in tools.test.ts.
 *
 * Deliberately not here: relative TCP sequence numbers (they need connection state; we print the
 * absolute ones, as `tcpdump -S` does), application decoding beyond a short DNS line (dns.ts).
 * Provenance: RFC 792, 4443, 768, 9293, 7323, 2018; summary format modelled on tcpdump's
 * output; our own code.
 */
import { formatIPv4, formatIPv6 } from './addr.ts';
import { addSums, pseudoSum4, pseudoSum6, sum16 } from './checksum.ts';
import {
  addField, be16, be32, dataLayer, dissectIPv4, dissectIPv6, hex, newLayer, problem, truncate,
  type ChecksumStatus, type Ctx, type Layer,
} from './dissect.ts';
import { dnsSummary } from './dns.ts';

export interface L3Info {
  family: 4 | 6;
  src: Uint8Array;
  /** Destination for the pseudo-header (IPv6: final destination after a routing header). */
  dst: Uint8Array;
  /** `IP src[.sp] > dst[.dp]: ` prefix for the summary. */
  head: (sp?: number | string, dp?: number | string) => string;
  /** The L3 payload is all present (checksums can be verified). */
  complete: boolean;
  /** This is the first fragment of a larger datagram: the L4 segment continues elsewhere. */
  firstFragment?: boolean;
}

/** Dissect the L3 payload `[off, end)` carrying protocol `proto`. */
export function dissectL4(c: Ctx, proto: number, off: number, end: number, ip: L3Info): void {
  if (proto === 17) udp(c, off, end, ip);
  else if (proto === 6) tcp(c, off, end, ip);
  else if (proto === 1 && ip.family === 4) icmp(c, off, end, ip);
  else if (proto === 58 && ip.family === 6) icmpv6(c, off, end, ip);
  else if (proto === 59 && ip.family === 6) c.parts.push(`${ip.head()}no next header`);
  else if (proto === 2 && ip.family === 4) igmp(c, off, end, ip);
  else {
    c.parts.push(`${ip.head()} ip-proto-${proto} ${Math.max(0, end - off)}`);
    dataLayer(c, off, end);
  }
}

/** Verify an L4 checksum over `[off, off+len)` with the family's pseudo-header. */
function verify(c: Ctx, ip: L3Info, proto: number, off: number, len: number, at: number, segmentComplete: boolean): { status: ChecksumStatus; computed?: number } {
  if (!ip.complete || !segmentComplete || off + len > c.b.length) return { status: 'unverified' };
  const pseudo = ip.family === 4 ? pseudoSum4(ip.src, ip.dst, proto, len) : pseudoSum6(ip.src, ip.dst, proto, len);
  const total = addSums(pseudo, sum16(c.b, off, off + len));
  const stored = be16(c.b, at);
  // what the field should hold: complement of the sum with the field counted as zero
  const without = addSums(addSums(pseudo, sum16(c.b, off, off + len)), ~stored & 0xffff);
  let computed = ~without & 0xffff;
  if (proto === 17 && computed === 0) computed = 0xffff;
  return { status: total === 0xffff ? 'good' : 'bad', computed };
}

function udp(c: Ctx, off: number, end: number, ip: L3Info): void {
  const b = c.b;
  const l = newLayer(c, 'udp', 'User Datagram Protocol', off, Math.min(off + 8, end));
  const sp = be16(b, off), dp = be16(b, off + 2), ulen = be16(b, off + 4), ck = be16(b, off + 6);
  addField(l, 'udp.srcport', 'Source Port', off, 2, sp);
  addField(l, 'udp.dstport', 'Destination Port', off + 2, 2, dp);
  addField(l, 'udp.length', 'Length', off + 4, 2, ulen);
  addField(l, 'udp.checksum', 'Checksum', off + 6, 2, ck, hex(ck, 4));
  if (end < off + 8) {
    truncate(c, l, off, 'UDP header', 8, end - off);
    c.parts.push(end >= off + 4 ? `${ip.head(sp, dp)} [|udp]` : `${ip.head()} [|udp]`);
    return;
  }
  l.title = `User Datagram Protocol, Src Port: ${sp}, Dst Port: ${dp}`;
  let segEnd = off + ulen;
  let complete = true;
  if (ulen < 8) {
    problem(l, `length field ${ulen} is below the 8-byte header`);
    segEnd = end;
    complete = false;
  } else if (segEnd > end) {
    if (ip.firstFragment) l.title += ' (first fragment)';
    else if (ip.complete) problem(l, `length field ${ulen} runs past the IP payload (${end - off} bytes)`);
    else truncate(c, l, off, `UDP datagram (length ${ulen})`, ulen, end - off, true);
    segEnd = end;
    complete = false;
  }
  if (ck === 0 && ip.family === 4) l.checksum = { status: 'none', value: 0 };
  else if (ck === 0) l.checksum = { status: 'illegal', value: 0 }; // mandatory over IPv6 (RFC 8200 §8.1)
  else l.checksum = { value: ck, ...verify(c, ip, 17, off, ulen, off + 6, complete) };
  const head = ip.head(sp, dp);
  const app = udpApp(b, sp, dp, off + 8, segEnd);
  if (ulen >= 8 && off + ulen > end && ip.complete) c.parts.push(`${head}UDP, bad length ${ulen - 8} > ${end - off - 8}`);
  else c.parts.push(app !== undefined ? `${head}${app}` : `${head}UDP, length ${Math.max(0, ulen - 8)}`);
  dataLayer(c, off + 8, segEnd);
}

const NTP_MODES = ['Reserved', 'Symmetric Active', 'Symmetric Passive', 'Client', 'Server', 'Broadcast', 'Control Message', 'Reserved'];
const SYSLOG_FACILITIES = ['kernel', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'security', 'console', 'cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'];
const SYSLOG_SEVERITIES = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];

/** tcpdump's one-liners for well-known UDP services (DNS, mDNS, NTP, syslog); undefined = plain UDP. */
function udpApp(b: Uint8Array, sp: number, dp: number, start: number, end: number): string | undefined {
  const len = end - start;
  if (sp === 53 || dp === 53) return dnsSummary(b, start, end, false);
  if (sp === 5353 || dp === 5353) return dnsSummary(b, start, end, true);
  if ((sp === 123 || dp === 123) && len >= 48) {
    return `NTPv${(b[start] >> 3) & 7}, ${NTP_MODES[b[start] & 7]}, length ${len}`;
  }
  if (dp === 514 && len >= 3 && b[start] === 0x3c) {
    let e = start + 1;
    let pri = 0;
    while (e < end && e < start + 5 && b[e] >= 0x30 && b[e] <= 0x39) pri = pri * 10 + b[e++] - 0x30;
    if (e < end && b[e] === 0x3e && e > start + 1 && pri < 192) {
      return `SYSLOG ${SYSLOG_FACILITIES[pri >> 3]}.${SYSLOG_SEVERITIES[pri & 7]}, length: ${len}`;
    }
  }
  return undefined;
}

const TCP_FLAG_LETTERS: Array<[number, string]> = [
  [0x01, 'F'], [0x02, 'S'], [0x04, 'R'], [0x08, 'P'], [0x10, '.'], [0x20, 'U'], [0x40, 'E'], [0x80, 'W'],
];

/** tcpdump's flag string: `S`, `S.`, `P.`, `F.`, `R.`, `.`, or `none`. */
export function tcpFlagString(f: number): string {
  let s = '';
  for (const [bit, ch] of TCP_FLAG_LETTERS) if (f & bit) s += ch;
  return s || 'none';
}

function tcp(c: Ctx, off: number, end: number, ip: L3Info): void {
  const b = c.b;
  const l = newLayer(c, 'tcp', 'Transmission Control Protocol', off, Math.min(off + 20, end));
  const sp = be16(b, off), dp = be16(b, off + 2), seq = be32(b, off + 4), ack = be32(b, off + 8);
  const doff = (b[off + 12] >> 4) * 4, flags = b[off + 13], win = be16(b, off + 14), ck = be16(b, off + 16), urp = be16(b, off + 18);
  const fs = tcpFlagString(flags);
  if (end >= off + 20) l.title = `Transmission Control Protocol, Src Port: ${sp}, Dst Port: ${dp}, Seq: ${seq}`;
  addField(l, 'tcp.srcport', 'Source Port', off, 2, sp);
  addField(l, 'tcp.dstport', 'Destination Port', off + 2, 2, dp);
  addField(l, 'tcp.seq_raw', 'Sequence Number (raw)', off + 4, 4, seq);
  addField(l, 'tcp.ack_raw', 'Acknowledgment Number (raw)', off + 8, 4, ack);
  addField(l, 'tcp.hdr_len', 'Header Length', off + 12, 1, doff, `${doff} bytes (${doff / 4})`, 0xf0);
  addField(l, 'tcp.flags', 'Flags', off + 12, 2, flags, `${hex(flags, 3)} [${fs}]`, 0x0fff);
  addField(l, 'tcp.window_size_value', 'Window', off + 14, 2, win);
  addField(l, 'tcp.checksum', 'Checksum', off + 16, 2, ck, hex(ck, 4));
  addField(l, 'tcp.urgent_pointer', 'Urgent Pointer', off + 18, 2, urp);
  if (end < off + 20) {
    truncate(c, l, off, 'TCP header', 20, end - off);
    c.parts.push(`${end >= off + 4 ? ip.head(sp, dp) : ip.head()} [|tcp]`);
    return;
  }
  const head = ip.head(sp, dp);
  if (doff < 20) {
    problem(l, `data offset ${doff} is below the 20-byte header`);
    l.checksum = { status: 'unverified', value: ck };
    c.parts.push(`${head}Flags [${fs}], [bad hdr length ${doff} - too short, < 20]`);
    return;
  }
  const cut = end < off + doff;
  l.end = Math.min(off + doff, end);
  const opts = tcpOptions(l, b, off + 20, l.end, cut);
  const len = Math.max(0, end - off - doff);
  if (cut) {
    // as tcpdump: the fixed fields, then the options that fit, then the marker
    truncate(c, l, off, 'TCP header with options', doff, end - off);
    l.checksum = { status: 'unverified', value: ck };
    let t = `${head}Flags [${fs}]`;
    if (flags & 0x07) t += `, seq ${seq}`;
    if (flags & 0x10) t += `, ack ${ack}`;
    t += `, win ${win}`;
    if (flags & 0x20) t += `, urg ${urp}`;
    c.parts.push(`${t}, options [${opts.map((w) => `${w},`).join('')} [|tcp]`);
    return;
  }
  l.checksum = { value: ck, ...verify(c, ip, 6, off, end - off, off + 16, true) };
  // tcpdump shows the sequence number only when the segment occupies sequence space
  let s = `${head}Flags [${fs}]`;
  if (len > 0) s += `, seq ${seq}:${(seq + len) >>> 0}`;
  else if (flags & 0x07) s += `, seq ${seq}`;
  if (flags & 0x10) s += `, ack ${ack}`;
  s += `, win ${win}`;
  if (flags & 0x20) s += `, urg ${urp}`;
  if (opts.length) s += `, options [${opts.join(',')}]`;
  s += `, length ${len}`;
  if (len > 0 && (sp === 80 || dp === 80)) s += httpLine(b, off + doff, end);
  c.parts.push(s);
  dataLayer(c, off + doff, end);
}

const HTTP_START = /^(GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH|HTTP\/\d)/;

/** tcpdump's HTTP suffix on port 80: `: HTTP: <first line>` for requests/responses, else `: HTTP`. */
function httpLine(b: Uint8Array, start: number, end: number): string {
  let e = start;
  while (e < end && e - start < 300 && b[e] !== 0x0d && b[e] !== 0x0a) e++;
  const line = String.fromCharCode(...b.subarray(start, e));
  return HTTP_START.test(line) && e < end ? `: HTTP: ${line}` : ': HTTP';
}

/**
 * Decode TCP options into fields and tcpdump's option words. `cut`: the capture ends at `end`, so
 * an option running past it is truncation (stop quietly), not a malformed option.
 */
function tcpOptions(l: Layer, b: Uint8Array, start: number, end: number, cut = false): string[] {
  const words: string[] = [];
  let o = start;
  while (o < end) {
    const kind = b[o];
    if (kind === 0) {
      addField(l, 'tcp.option_kind', 'End of Option List', o, 1, 0, 'EOL');
      words.push('eol');
      break;
    }
    if (kind === 1) {
      addField(l, 'tcp.option_kind', 'No-Operation', o, 1, 1, 'NOP');
      words.push('nop');
      o++;
      continue;
    }
    const len = o + 1 < end ? b[o + 1] : 0;
    if (cut && (o + 1 >= end || o + len > end)) break;
    if (len < 2 || o + len > end) {
      problem(l, `option ${kind} at offset ${o} has bad length ${len}`);
      words.push('bad opt');
      break;
    }
    if (kind === 2 && len === 4) {
      addField(l, 'tcp.options.mss_val', 'MSS Value', o + 2, 2, be16(b, o + 2));
      words.push(`mss ${be16(b, o + 2)}`);
    } else if (kind === 3 && len === 3) {
      addField(l, 'tcp.options.wscale.shift', 'Shift count', o + 2, 1, b[o + 2]);
      words.push(`wscale ${b[o + 2]}`);
    } else if (kind === 4 && len === 2) {
      addField(l, 'tcp.options.sack_perm', 'SACK Permitted', o, 2, 1, 'True');
      words.push('sackOK');
    } else if (kind === 5 && (len - 2) % 8 === 0) {
      const blocks: string[] = [];
      for (let k = o + 2; k < o + len; k += 8) {
        addField(l, 'tcp.options.sack_le', 'left edge', k, 4, be32(b, k));
        addField(l, 'tcp.options.sack_re', 'right edge', k + 4, 4, be32(b, k + 4));
        blocks.push(`{${be32(b, k)}:${be32(b, k + 4)}}`);
      }
      words.push(`sack ${blocks.length} ${blocks.join('')}`);
    } else if (kind === 8 && len === 10) {
      addField(l, 'tcp.options.timestamp.tsval', 'Timestamp value', o + 2, 4, be32(b, o + 2));
      addField(l, 'tcp.options.timestamp.tsecr', 'Timestamp echo reply', o + 6, 4, be32(b, o + 6));
      words.push(`TS val ${be32(b, o + 2)} ecr ${be32(b, o + 6)}`);
    } else {
      addField(l, 'tcp.option_kind', 'Kind', o, len, kind, `${kind} (${len} bytes)`);
      words.push(`unknown-${kind}`);
    }
    o += len;
  }
  return words;
}

/** IGMP (RFC 2236 / 3376), summary only: reports, leaves and queries as tcpdump words them. */
function igmp(c: Ctx, off: number, end: number, ip: L3Info): void {
  const b = c.b;
  const l = newLayer(c, 'igmp', 'Internet Group Management Protocol', off, Math.min(off + 8, end));
  if (end < off + 8) {
    truncate(c, l, off, 'IGMP message', 8, end - off);
    c.parts.push(`${ip.head()} [|igmp]`);
    return;
  }
  const type = b[off], ck = be16(b, off + 2);
  addField(l, 'igmp.type', 'Type', off, 1, type, hex(type, 2));
  addField(l, 'igmp.checksum', 'Checksum', off + 2, 2, ck, hex(ck, 4));
  const group = formatIPv4(b, off + 4);
  if (type !== 0x22) addField(l, 'igmp.maddr', 'Multicast Address', off + 4, 4, group);
  if (ip.complete) {
    const s = sum16(b, off, end);
    l.checksum = { status: s === 0xffff ? 'good' : 'bad', value: ck, computed: ~addSums(s, ~ck & 0xffff) & 0xffff };
  }
  let what: string;
  if (type === 0x12) what = `igmp v1 report ${group}`;
  else if (type === 0x16) what = `igmp v2 report ${group}`;
  else if (type === 0x17) what = `igmp leave ${group}`;
  else if (type === 0x22) what = `igmp v3 report, ${be16(b, off + 6)} group record(s)`;
  else if (type === 0x11) what = `igmp query v${end - off >= 12 ? 3 : 2}${group !== '0.0.0.0' ? ` [gaddr ${group}]` : ''}`;
  else what = `igmp-${type}`;
  c.parts.push(`${ip.head()}${what}`);
}

const ICMP_UNREACH = ['net', 'host', 'protocol', 'port', 'need to frag', 'source route failed'];

function icmp(c: Ctx, off: number, end: number, ip: L3Info): void {
  const b = c.b;
  const l = newLayer(c, 'icmp', 'Internet Control Message Protocol', off, Math.min(off + 8, end));
  const type = b[off], code = b[off + 1], ck = be16(b, off + 2);
  addField(l, 'icmp.type', 'Type', off, 1, type);
  addField(l, 'icmp.code', 'Code', off + 1, 1, code);
  addField(l, 'icmp.checksum', 'Checksum', off + 2, 2, ck, hex(ck, 4));
  if (end < off + 4) {
    truncate(c, l, off, 'ICMP header', 4, end - off);
    c.parts.push(`${ip.head()}ICMP [|icmp]`);
    return;
  }
  const len = end - off;
  // ICMP's checksum covers the whole message, no pseudo-header
  if (ip.complete) {
    const s = sum16(b, off, end);
    const computed = ~addSums(s, ~ck & 0xffff) & 0xffff;
    l.checksum = { status: s === 0xffff ? 'good' : 'bad', value: ck, computed };
  } else {
    l.checksum = { status: 'unverified', value: ck };
  }
  const head = ip.head();
  if (type === 0 || type === 8) {
    if (end < off + 8) {
      truncate(c, l, off, 'ICMP echo header', 8, end - off);
      c.parts.push(`${head}ICMP echo ${type ? 'request' : 'reply'} [|icmp]`);
      return;
    }
    const id = be16(b, off + 4), seq = be16(b, off + 6);
    addField(l, 'icmp.ident', 'Identifier', off + 4, 2, id);
    addField(l, 'icmp.seq', 'Sequence Number', off + 6, 2, seq);
    l.title = `Internet Control Message Protocol (echo ${type ? 'request' : 'reply'})`;
    c.parts.push(`${head}ICMP echo ${type ? 'request' : 'reply'}, id ${id}, seq ${seq}, length ${len}`);
  } else if (type === 3 && end >= off + 8 + 20) {
    const inner = off + 8;
    const iproto = b[inner + 9];
    const idst = formatIPv4(b, inner + 16);
    const ihl = (b[inner] & 15) * 4;
    // tcpdump's wording per code (numeric, as with -n)
    let what: string;
    if (code === 0) what = `net ${idst} unreachable`;
    else if (code === 1) what = `host ${idst} unreachable`;
    else if (code === 2) what = `${idst} protocol ${iproto} unreachable`;
    else if (code === 3 && end >= inner + ihl + 4 && (iproto === 17 || iproto === 6)) {
      what = `${idst} ${iproto === 17 ? 'udp' : 'tcp'} port ${be16(b, inner + ihl + 2)} unreachable`;
    } else if (code === 4) what = `${idst} unreachable - need to frag (mtu ${be16(b, off + 6)})`;
    else what = `${idst} unreachable - ${ICMP_UNREACH[code] ?? `code ${code}`}`;
    c.parts.push(`${head}ICMP ${what}, length ${len}`);
  } else if (type === 11) {
    c.parts.push(`${head}ICMP time exceeded ${code === 0 ? 'in-transit' : 'fragment reassembly'}, length ${len}`);
  } else {
    c.parts.push(`${head}ICMP type-#${type}, length ${len}`);
  }
  l.end = Math.min(off + 8, end);
  if ([3, 4, 5, 11, 12].includes(type) && end > off + 8) quoted(c, off + 8, end, 4);
  else dataLayer(c, Math.min(off + 8, end), end);
}

/**
 * The datagram an ICMP / ICMPv6 error quotes: dissected as layers marked `quoted`, as Wireshark
 * nests them, without touching the frame's summary or truncation report (it is cut by design).
 */
function quoted(c: Ctx, start: number, end: number, family: 4 | 6): void {
  const sub: Ctx = { b: c.b, layers: [], parts: [] };
  if (family === 4) dissectIPv4(sub, start, end);
  else dissectIPv6(sub, start, end);
  for (const l of sub.layers) {
    l.quoted = true;
    c.layers.push(l);
  }
}

const ICMP6_NAMES: Record<number, string> = {
  1: 'destination unreachable', 2: 'packet too big', 3: 'time exceeded in-transit', 4: 'parameter problem',
  128: 'echo request', 129: 'echo reply', 133: 'router solicitation', 134: 'router advertisement',
  135: 'neighbor solicitation', 136: 'neighbor advertisement', 143: 'multicast listener report v2',
};

function icmpv6(c: Ctx, off: number, end: number, ip: L3Info): void {
  const b = c.b;
  const l = newLayer(c, 'icmpv6', 'Internet Control Message Protocol v6', off, Math.min(off + 8, end));
  const type = b[off], code = b[off + 1], ck = be16(b, off + 2);
  addField(l, 'icmpv6.type', 'Type', off, 1, type, `${type}${ICMP6_NAMES[type] ? ` (${ICMP6_NAMES[type]})` : ''}`);
  addField(l, 'icmpv6.code', 'Code', off + 1, 1, code);
  addField(l, 'icmpv6.checksum', 'Checksum', off + 2, 2, ck, hex(ck, 4));
  if (end < off + 4) {
    truncate(c, l, off, 'ICMPv6 header', 4, end - off);
    c.parts.push(`${ip.head()}ICMP6 [|icmp6]`);
    return;
  }
  l.checksum = { value: ck, ...verify(c, ip, 58, off, end - off, off + 2, true) };
  const len = end - off;
  const name = ICMP6_NAMES[type] ?? `type ${type}`;
  let s = `${ip.head()}ICMP6, ${name}`;
  let hdr = 8;
  if ((type === 128 || type === 129) && end >= off + 8) {
    const id = be16(b, off + 4), seq = be16(b, off + 6);
    addField(l, 'icmpv6.echo.identifier', 'Identifier', off + 4, 2, id);
    addField(l, 'icmpv6.echo.sequence_number', 'Sequence', off + 6, 2, seq);
    s += `, id ${id}, seq ${seq}`;
  } else if ((type === 135 || type === 136) && end >= off + 24) {
    const tgt = formatIPv6(b, off + 8);
    const fname = type === 135 ? 'icmpv6.nd.ns.target_address' : 'icmpv6.nd.na.target_address';
    addField(l, fname, 'Target Address', off + 8, 16, tgt);
    s += type === 135 ? `, who has ${tgt}` : `, tgt is ${tgt}`;
    ndOptions(l, b, off + 24, end);
    hdr = end - off;
  } else if (type === 133) {
    ndOptions(l, b, off + 8, end);
    hdr = end - off;
  } else if (type === 143 && end >= off + 8) {
    const n = be16(b, off + 6);
    addField(l, 'icmpv6.mldr.nb_mcast_records', 'Number of Multicast Address Records', off + 6, 2, n);
    s += `, ${n} group record(s)`;
  } else if (end < off + 8 && (type === 128 || type === 129 || type === 135 || type === 136)) {
    truncate(c, l, off, `ICMPv6 ${name} message`, type >= 135 ? 24 : 8, end - off);
    c.parts.push(`${s} [|icmp6]`);
    return;
  }
  c.parts.push(`${s}, length ${len}`);
  l.title = `Internet Control Message Protocol v6 (${name})`;
  l.end = Math.min(off + hdr, end);
  if (type >= 1 && type <= 4 && end > off + 8) quoted(c, off + 8, end, 6);
  else dataLayer(c, l.end, end);
}

function ndOptions(l: Layer, b: Uint8Array, start: number, end: number): void {
  let o = start;
  while (o + 2 <= end) {
    const t = b[o], len = b[o + 1] * 8;
    if (len === 0 || o + len > end) {
      problem(l, `neighbor discovery option ${t} at offset ${o} has bad length ${len}`);
      return;
    }
    if ((t === 1 || t === 2) && len === 8) {
      const mac = Array.from(b.subarray(o + 2, o + 8), (x) => x.toString(16).padStart(2, '0')).join(':');
      addField(l, 'icmpv6.opt.linkaddr', t === 1 ? 'Source link-layer address' : 'Target link-layer address', o + 2, 6, mac);
    } else {
      addField(l, 'icmpv6.opt.type', 'Option type', o, len, t, `${t} (${len} bytes)`);
    }
    o += len;
  }
}
