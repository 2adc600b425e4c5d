/**
 * A one-line DNS summary for the dissector, in tcpdump's default (non-verbose) style:
 *   query     `4660+ A? example.com. (29)`
 *   response  `4660 1/0/0 A 93.184.216.34 (45)`
 * (`+` recursion desired on a query; on a response `*` authoritative, `-` recursion not available,
 * `|` truncated, then the rcode when non-zero, answer/authority/additional counts and the answers
 * of common types; multicast DNS questions add `(QM)` / `(QU)`.) Name compression pointers are
 * followed with a hop limit. Checked against tcpdump 4.99 output in tools.test.ts.
 *
 * Returns `undefined` when the bytes are not a plausible DNS message, so the caller falls back to
 * `UDP, length N`; never throws. Deliberately not here: EDNS, DNSSEC records, anything verbose.
 * Provenance: RFC 1035 message format; output style modelled on tcpdump; our own code.
 */
import { formatIPv4, formatIPv6 } from './addr.ts';

const TYPES: Record<number, string> = {
  1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA', 33: 'SRV', 65: 'HTTPS', 255: 'ANY',
};
const RCODES = ['', 'FormErr', 'ServFail', 'NXDomain', 'NotImp', 'Refused'];

/** Read a (possibly compressed) name at `o`; returns the name and the offset after it in place. */
function readName(b: Uint8Array, start: number, o: number, end: number): { name: string; next: number } | undefined {
  const labels: string[] = [];
  let next = -1;
  for (let hops = 0; hops < 64; hops++) {
    if (o >= end) return undefined;
    const len = b[o];
    if (len === 0) {
      if (next < 0) next = o + 1;
      return { name: labels.length ? labels.join('.') + '.' : '.', next };
    }
    if ((len & 0xc0) === 0xc0) {
      if (o + 1 >= end) return undefined;
      if (next < 0) next = o + 2;
      o = start + (((len & 0x3f) << 8) | b[o + 1]);
      continue;
    }
    if (len > 63 || o + 1 + len > end) return undefined;
    labels.push(String.fromCharCode(...b.subarray(o + 1, o + 1 + len)));
    o += 1 + len;
  }
  return undefined;
}

/** `mdns`: multicast DNS (port 5353), whose question class carries the unicast-response bit (QU/QM). */
export function dnsSummary(b: Uint8Array, start: number, end: number, mdns = false): string | undefined {
  if (end - start < 12) return undefined;
  const u16 = (o: number): number => (b[o] << 8) | b[o + 1];
  const id = u16(start), flags = u16(start + 2);
  const qd = u16(start + 4), an = u16(start + 6), ns = u16(start + 8), ar = u16(start + 10);
  const len = end - start;
  let o = start + 12;
  const isResponse = (flags & 0x8000) !== 0;
  let qtext = '';
  for (let i = 0; i < qd; i++) {
    const n = readName(b, start, o, end);
    if (!n || n.next + 4 > end) return `${id} [|domain]`;
    const t = u16(n.next);
    const qu = mdns ? ((u16(n.next + 2) & 0x8000) ? ' (QU)' : ' (QM)') : '';
    if (i === 0) qtext = `${TYPES[t] ?? `Type${t}`}${qu}? ${n.name}`;
    o = n.next + 4;
  }
  if (!isResponse) return `${id}${flags & 0x0100 ? '+' : ''} ${qtext} (${len})`;
  let s = `${id}${flags & 0x0400 ? '*' : ''}${flags & 0x0080 ? '' : '-'}${flags & 0x0200 ? '|' : ''}`;
  const rcode = flags & 15;
  if (rcode) s += ` ${RCODES[rcode] ?? `Rcode${rcode}`}`;
  s += ` ${an}/${ns}/${ar}`;
  const answers: string[] = [];
  for (let i = 0; i < an; i++) {
    const n = readName(b, start, o, end);
    if (!n || n.next + 10 > end) return `${s} [|domain]`;
    const t = u16(n.next), rdlen = u16(n.next + 8), rd = n.next + 10;
    if (rd + rdlen > end) return `${s} [|domain]`;
    if (t === 1 && rdlen === 4) answers.push(`A ${formatIPv4(b, rd)}`);
    else if (t === 28 && rdlen === 16) answers.push(`AAAA ${formatIPv6(b, rd)}`);
    else if (t === 5 || t === 12 || t === 2) answers.push(`${TYPES[t]} ${readName(b, start, rd, end)?.name ?? '?'}`);
    else answers.push(TYPES[t] ?? `Type${t}`);
    o = rd + rdlen;
  }
  if (answers.length) s += ` ${answers.join(', ')}`;
  return `${s} (${len})`;
}
