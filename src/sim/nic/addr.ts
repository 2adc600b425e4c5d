/**
 * Link and network addresses: parse and print MAC, IPv4 and IPv6 addresses as bytes.
 *
 * Printing follows the conventions tcpdump and Wireshark use: MACs as lower-case colon-separated
 * hex, IPv4 dotted quad, IPv6 in RFC 5952 canonical form (lower case, leading zeros dropped, the
 * longest run of two or more zero groups — leftmost on a tie — shortened to `::`, IPv4-mapped
 * addresses as `::ffff:a.b.c.d`).
 *
 * Parsing returns `undefined` on malformed text (errors are values; callers attach the context).
 * Deliberately not here: zone ids (`fe80::1%eth0`), prefixes, hostnames. Provenance: RFC 4291,
 * RFC 5952; our own code.
 */

/** Parse `aa:bb:cc:dd:ee:ff` (or `-` separators) into 6 bytes. */
export function parseMac(text: string): Uint8Array | undefined {
  const parts = text.trim().split(/[:-]/);
  if (parts.length !== 6) return undefined;
  const out = new Uint8Array(6);
  for (let i = 0; i < 6; i++) {
    if (!/^[0-9a-fA-F]{1,2}$/.test(parts[i])) return undefined;
    out[i] = parseInt(parts[i], 16);
  }
  return out;
}

export function formatMac(b: Uint8Array, off = 0): string {
  const out: string[] = [];
  for (let i = 0; i < 6; i++) out.push((b[off + i] ?? 0).toString(16).padStart(2, '0'));
  return out.join(':');
}

/** Parse a dotted quad into 4 bytes. */
export function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(parts[i])) return undefined;
    const v = Number(parts[i]);
    if (v > 255) return undefined;
    out[i] = v;
  }
  return out;
}

export function formatIPv4(b: Uint8Array, off = 0): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

/** IPv4 address bytes as an unsigned 32-bit number (network order). */
export function ipv4ToU32(b: Uint8Array, off = 0): number {
  return ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
}

export function u32ToIPv4(v: number): Uint8Array {
  return Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

/** Parse an IPv6 address (with optional `::` and an optional trailing dotted quad) into 16 bytes. */
export function parseIPv6(text: string): Uint8Array | undefined {
  let s = text.trim().toLowerCase();
  if (s.length === 0) return undefined;
  let tail: Uint8Array | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) >= 0) {
    tail = parseIPv4(s.slice(lastColon + 1));
    if (!tail) return undefined;
    s = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !rest) return undefined;
  let all: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return undefined;
    all = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    all = head;
  }
  if (all.length !== 8) return undefined;
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  if (tail) out.set(tail, 12);
  return out;
}

export function formatIPv6(b: Uint8Array, off = 0): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((b[off + 2 * i] << 8) | b[off + 2 * i + 1]);
  // IPv4-mapped ::ffff:a.b.c.d
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${formatIPv4(b, off + 12)}`;
  }
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = (xs: number[]): string => xs.map((x) => x.toString(16)).join(':');
  if (bestLen < 2) return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLen))}`;
}

/** Parse either family; `undefined` when neither parses. */
export function parseIP(text: string): { family: 4 | 6; bytes: Uint8Array } | undefined {
  const v4 = parseIPv4(text);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIPv6(text);
  return v6 ? { family: 6, bytes: v6 } : undefined;
}
