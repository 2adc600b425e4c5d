/**
 * Decoding ring-buffer / perf-buffer records with the C type the program sends
 * (src/compiler/recordTypes.ts): one column per field, each value formatted for reading.
 *
 *   const cols = recordColumns(layout);          // [{ name: 'pid', … }, { name: 'comm', … }]
 *   const row = decodeRecord(layout, bytes);      // ['4242', 'bash', …], one per column
 *
 * Formats: integers in decimal (u64 exactly, via BigInt), bit-fields extracted from their
 * little-endian storage unit and sign-extended when signed, `_Bool` as true/false, char arrays
 * as the text up to the first NUL (other bytes as \xNN), pointers in hex, nested structs as
 * `outer.inner` columns, arrays as `[1, 2, 3]` (u8 arrays as hex bytes), unions as hex.
 * The few heuristics, by field name (documented here, nowhere else):
 *   - a 4-byte integer whose name says address (`saddr`, `daddr`, `addr`, `ip`, `src_ip`, …):
 *     an IPv4 address, dotted, from its bytes in memory order (network byte order, as the
 *     kernel's `skc_daddr` / `iphdr.saddr` hold it);
 *   - a 16-byte array of such a name (`u8 daddr_v6[16]`, `u32 saddr6[4]`): an IPv6 address,
 *     RFC 5952 text (longest zero run as `::`).
 * A record shorter than a field (a smaller size was sent) leaves that cell empty.
 * Does not: follow pointers, print floats, or guess byte order of ports. Own code.
 */
import type { RecordField, RecordLayout } from '../../compiler/recordTypes.ts';

/** One column of a decoded table: a field (or a nested struct's field, `in.a`). */
export interface RecordColumn {
  name: string;
  field: RecordField;
  /** C type, for the header's title. */
  type: string;
}

/** Nested structs deeper than this stay one column (formatted `{a=1, b=2}`). */
const MAX_DEPTH = 2;
const MAX_ELEMS = 16;

/** True when a field's name says it holds an address: it contains `addr`, or an `ip` word (`ip`, `src_ip`, `dip`, `ipv4`, `ip6`). */
export function isAddrName(name: string): boolean {
  return /addr/i.test(name) || /(^|_)(src|dst|s|d)?ip(v?[46])?($|_)/i.test(name);
}

/** Columns of a layout: top-level fields, nested structs flattened as `outer.inner`. */
export function recordColumns(layout: RecordLayout): RecordColumn[] {
  const out: RecordColumn[] = [];
  const walk = (fields: RecordField[], prefix: string, depth: number): void => {
    for (const f of fields) {
      const name = prefix + f.name;
      if (f.kind === 'struct' && f.fields && depth < MAX_DEPTH) walk(f.fields, `${name}.`, depth + 1);
      else out.push({ name, field: f, type: f.type });
    }
  };
  walk(layout.fields, '', 0);
  return out;
}

function le(b: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[off + i]);
  return v;
}

const hex2 = (x: number): string => x.toString(16).padStart(2, '0');

/** A char array as text: up to the first NUL; non-printable bytes as \xNN. */
export function cString(b: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = off; i < off + len; i++) {
    const c = b[i];
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? (c === 0x5c ? '\\\\' : String.fromCharCode(c)) : `\\x${hex2(c)}`;
  }
  return s;
}

/** IPv4 dotted quad from 4 bytes in memory order. */
export function ipv4(b: Uint8Array, off: number): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

/** IPv6 text (RFC 5952: lower-case, leading zeros dropped, the longest run of ≥ 2 zero groups as ::). */
export function ipv6(b: Uint8Array, off: number): string {
  const g = Array.from({ length: 8 }, (_, i) => (b[off + 2 * i] << 8) | b[off + 2 * i + 1]);
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  const part = (a: number[]): string => a.map((x) => x.toString(16)).join(':');
  // IPv4-mapped (::ffff:a.b.c.d), as inet_ntop prints it
  if (best === 0 && bestLen === 5 && g[5] === 0xffff) return `::ffff:${ipv4(b, off + 12)}`;
  return best < 0 ? part(g) : `${part(g.slice(0, best))}::${part(g.slice(best + bestLen))}`;
}

/** The value of field `f` (absolute offsets) in record `b`, formatted; '' when the record is too short. */
export function formatField(f: RecordField, b: Uint8Array, name = f.name): string {
  if (f.offset + f.size > b.length || f.size === 0) return '';
  switch (f.kind) {
    case 'signed': case 'unsigned': case 'bool': {
      let v = le(b, f.offset, f.size);
      if (f.bitWidth !== undefined) {
        v = (v >> BigInt(f.bitOffset ?? 0)) & ((1n << BigInt(f.bitWidth)) - 1n);
        if (f.kind === 'signed') v = BigInt.asIntN(f.bitWidth, v);
      } else if (f.kind === 'signed') v = BigInt.asIntN(8 * f.size, v);
      if (f.kind === 'bool') return v !== 0n ? 'true' : 'false';
      if (f.size === 4 && f.bitWidth === undefined && isAddrName(name)) return ipv4(b, f.offset);
      return v.toString();
    }
    case 'pointer':
      return `0x${le(b, f.offset, f.size).toString(16)}`;
    case 'string':
      return cString(b, f.offset, f.size);
    case 'array': {
      const e = f.elem!;
      if (f.size === 16 && isAddrName(name) && (e.kind === 'unsigned' || e.kind === 'signed')) return ipv6(b, f.offset);
      const n = f.len ?? 0;
      if (e.size === 1 && (e.kind === 'unsigned' || e.kind === 'signed')) {
        return Array.from(b.subarray(f.offset, f.offset + Math.min(n, 64)), hex2).join(' ') + (n > 64 ? ' …' : '');
      }
      const items: string[] = [];
      for (let i = 0; i < Math.min(n, MAX_ELEMS); i++) items.push(formatField(shift(e, f.offset + i * e.size), b, ''));
      return `[${items.join(', ')}${n > MAX_ELEMS ? ', …' : ''}]`;
    }
    case 'struct':
      return `{${(f.fields ?? []).map((m) => `${m.name}=${formatField(m, b)}`).join(', ')}}`;
    case 'union':
      return Array.from(b.subarray(f.offset, f.offset + f.size), hex2).join(' ');
  }
}

/** An element layout (offsets from 0) moved to `at`. */
function shift(f: RecordField, at: number): RecordField {
  const move = (x: RecordField): RecordField => ({ ...x, offset: x.offset + at, ...(x.fields ? { fields: x.fields.map(move) } : {}) });
  return move(f);
}

/** One decoded row: the cells of `recordColumns(layout)`, in order. */
export function decodeRecord(layout: RecordLayout, bytes: Uint8Array): string[] {
  return recordColumns(layout).map((c) => formatField(c.field, bytes, c.field.name));
}

/** Bytes of a lowercase hex string. */
export function bytesOfHex(hex: string): Uint8Array {
  const b = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < b.length; i++) b[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return b;
}
