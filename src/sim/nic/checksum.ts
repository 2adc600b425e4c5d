/**
 * The Internet checksum (RFC 1071): the 16-bit one's-complement of the one's-complement sum of
 * 16-bit big-endian words, an odd trailing byte padded with zero. Used by the IPv4 header, ICMP,
 * and — over a pseudo-header — UDP, TCP and ICMPv6 (RFC 768, RFC 9293, RFC 8200 §8.1).
 *
 * `sum16` returns the folded, *uncomplemented* sum so that partial sums (pseudo-header + segment)
 * can be combined; `checksum` complements. A received header or segment is valid when the
 * checksum computed over it *including* its checksum field is 0 (its sum folds to 0xffff).
 *
 * Deliberately not here: incremental update (RFC 1624) — the kernel helper
 * bpf_l3_csum_replace/bpf_l4_csum_replace belongs to src/kernel. Provenance: RFC 1071 §4.1 (the
 * algorithm); our own code.
 */

/** One's-complement sum of `data[start, end)` as 16-bit big-endian words, folded to 16 bits. */
export function sum16(data: Uint8Array, start = 0, end = data.length, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (data[i] << 8) | data[i + 1];
  if (i < end) sum += data[i] << 8;
  // fold carries; at most two rounds needed for sums below 2^32, loop for safety
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** Add two folded 16-bit one's-complement sums. */
export function addSums(a: number, b: number): number {
  let s = a + b;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** The Internet checksum of `data[start, end)`, combined with an optional partial sum. */
export function checksum(data: Uint8Array, start = 0, end = data.length, initial = 0): number {
  return ~sum16(data, start, end, initial) & 0xffff;
}

/**
 * Folded sum of the IPv4 pseudo-header: source, destination, zero, protocol, L4 length
 * (RFC 768 / RFC 9293 §3.1).
 */
export function pseudoSum4(src: Uint8Array, dst: Uint8Array, proto: number, l4len: number): number {
  let s = sum16(src, 0, 4);
  s = addSums(s, sum16(dst, 0, 4));
  s = addSums(s, proto & 0xff);
  s = addSums(s, l4len & 0xffff);
  return s;
}

/**
 * Folded sum of the IPv6 pseudo-header: source, destination, 32-bit upper-layer length, three
 * zero bytes, next header (RFC 8200 §8.1). `dst` is the final destination (after routing headers).
 */
export function pseudoSum6(src: Uint8Array, dst: Uint8Array, nextHeader: number, l4len: number): number {
  let s = sum16(src, 0, 16);
  s = addSums(s, sum16(dst, 0, 16));
  s = addSums(s, (l4len >>> 16) & 0xffff);
  s = addSums(s, l4len & 0xffff);
  s = addSums(s, nextHeader & 0xff);
  return s;
}
