/**
 * Application payloads the traffic scenarios put inside UDP and TCP: DNS queries and responses,
 * HTTP/1.1 requests, iperf2 UDP datagrams and TLS application-data records.
 *
 * The iperf2 datagram starts with a 32-bit sequence number and the send time (seconds,
 * microseconds), all big-endian, and is filled with the ASCII digits pattern iperf uses. A TLS
 * record is a 5-byte header (type 23, version 0x0303, length) and opaque bytes.
 *
 * Deliberately not here: DNS compression on write (names are written in full; responses point
 * back to the question with 0xc00c as real servers do), EDNS, TLS handshakes. Provenance:
 * RFC 1035 §4, RFC 9112, RFC 8446 §5.1, iperf2's UDP datagram header layout; our own code.
 */

const te = new TextEncoder();

function u16(out: number[], v: number): void {
  out.push((v >> 8) & 0xff, v & 0xff);
}

function name(out: number[], qname: string): void {
  for (const label of qname.replace(/\.$/, '').split('.')) {
    if (!label) continue;
    out.push(label.length, ...te.encode(label));
  }
  out.push(0);
}

/** A DNS query (RD set) for `qname` of type `qtype` (1 = A, 28 = AAAA). */
export function dnsQuery(id: number, qname: string, qtype = 1): Uint8Array {
  const out: number[] = [];
  u16(out, id);
  u16(out, 0x0100); // standard query, recursion desired
  u16(out, 1); u16(out, 0); u16(out, 0); u16(out, 0);
  name(out, qname);
  u16(out, qtype);
  u16(out, 1); // class IN
  return Uint8Array.from(out);
}

/** A DNS response answering `qname` with A (4-byte) or AAAA (16-byte) addresses, TTL `ttl`. */
export function dnsResponse(id: number, qname: string, qtype: number, answers: Uint8Array[], ttl = 300): Uint8Array {
  const out: number[] = [];
  u16(out, id);
  u16(out, answers.length ? 0x8180 : 0x8183); // response, RD, RA; NXDOMAIN when no answer
  u16(out, 1); u16(out, answers.length); u16(out, 0); u16(out, 0);
  name(out, qname);
  u16(out, qtype);
  u16(out, 1);
  for (const a of answers) {
    u16(out, 0xc00c); // pointer to the question name
    u16(out, a.length === 16 ? 28 : 1);
    u16(out, 1);
    u16(out, (ttl >>> 16) & 0xffff);
    u16(out, ttl & 0xffff);
    u16(out, a.length);
    out.push(...a);
  }
  return Uint8Array.from(out);
}

/** An HTTP/1.1 GET request. */
export function httpGet(host: string, path: string, userAgent = 'curl/8.5.0'): Uint8Array {
  return te.encode(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${userAgent}\r\nAccept: */*\r\n\r\n`);
}

/** The digits pattern iperf2 fills datagrams with, cached per length. */
const patternCache = new Map<number, Uint8Array>();
function pattern(len: number): Uint8Array {
  let p = patternCache.get(len);
  if (!p) {
    p = new Uint8Array(len);
    for (let i = 0; i < len; i++) p[i] = 0x30 + (i % 10);
    if (patternCache.size < 16) patternCache.set(len, p);
  }
  return p;
}

/** An iperf2 UDP datagram of `len` bytes (at least 12): sequence number, send time, digits. */
export function iperfDatagram(seq: number, timestampNs: bigint, len: number): Uint8Array {
  const n = Math.max(12, len);
  const out = new Uint8Array(n);
  out.set(pattern(n));
  const dv = new DataView(out.buffer);
  dv.setInt32(0, seq | 0, false);
  dv.setUint32(4, Number((timestampNs / 1_000_000_000n) & 0xffffffffn), false);
  dv.setUint32(8, Number((timestampNs % 1_000_000_000n) / 1000n), false);
  return out;
}

/** A TLS 1.2/1.3 application-data record carrying `body`. */
export function tlsRecord(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + body.length);
  out[0] = 23;
  out[1] = 3;
  out[2] = 3;
  out[3] = body.length >> 8;
  out[4] = body.length & 0xff;
  out.set(body, 5);
  return out;
}
