/**
 * Bob Jenkins' lookup3 hash as the kernel's hash maps use it (jhash for byte keys, jhash2 for keys
 * whose length is a multiple of 4, initval = the map's seed): with BPF_F_ZERO_SEED the seed is 0
 * and a hash map's iteration order (bucket by bucket) is the same on every machine, so ours can
 * be the kernel's.
 *
 * Provenance: lookup3.c (public domain, Bob Jenkins 2006): hashword / hashlittle with the
 * 0xdeadbeef initial value; written here from that description.
 */

const rot = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

function mix(s: Uint32Array): void {
  let [a, b, c] = s;
  a = (a - c) >>> 0; a = (a ^ rot(c, 4)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rot(a, 6)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rot(b, 8)) >>> 0; b = (b + a) >>> 0;
  a = (a - c) >>> 0; a = (a ^ rot(c, 16)) >>> 0; c = (c + b) >>> 0;
  b = (b - a) >>> 0; b = (b ^ rot(a, 19)) >>> 0; a = (a + c) >>> 0;
  c = (c - b) >>> 0; c = (c ^ rot(b, 4)) >>> 0; b = (b + a) >>> 0;
  s[0] = a; s[1] = b; s[2] = c;
}

function final(s: Uint32Array): void {
  let [a, b, c] = s;
  c = (c ^ b) >>> 0; c = (c - rot(b, 14)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 11)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 25)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 16)) >>> 0;
  a = (a ^ c) >>> 0; a = (a - rot(c, 4)) >>> 0;
  b = (b ^ a) >>> 0; b = (b - rot(a, 14)) >>> 0;
  c = (c ^ b) >>> 0; c = (c - rot(b, 24)) >>> 0;
  s[0] = a; s[1] = b; s[2] = c;
}

const INIT = 0xdeadbeef;

/** jhash2: `words` little-endian u32s (hashword). */
export function jhash2(words: Uint32Array, initval: number): number {
  const s = new Uint32Array(3).fill((INIT + (words.length << 2) + initval) >>> 0);
  let i = 0, n = words.length;
  while (n > 3) {
    s[0] += words[i]; s[1] += words[i + 1]; s[2] += words[i + 2];
    mix(s);
    i += 3; n -= 3;
  }
  if (n === 0) return s[2];
  if (n >= 3) s[2] += words[i + 2];
  if (n >= 2) s[1] += words[i + 1];
  s[0] += words[i];
  final(s);
  return s[2];
}

/** jhash: bytes (hashlittle's byte-at-a-time form). */
export function jhash(key: Uint8Array, initval: number): number {
  const s = new Uint32Array(3).fill((INIT + key.length + initval) >>> 0);
  let i = 0, n = key.length;
  const w = (o: number): number => (key[o] | (key[o + 1] << 8) | (key[o + 2] << 16) | (key[o + 3] << 24)) >>> 0;
  while (n > 12) {
    s[0] += w(i); s[1] += w(i + 4); s[2] += w(i + 8);
    mix(s);
    i += 12; n -= 12;
  }
  if (n === 0) return s[2];
  const add = (slot: number, k: number, shift: number): void => { s[slot] += (key[i + k] << shift) >>> 0; };
  for (let k = n - 1; k >= 0; k--) add(k >> 2, k, (k & 3) * 8);
  final(s);
  return s[2];
}

/** The kernel's htab hash of a key: jhash2 when the length is a multiple of 4, else jhash. */
export function htabHash(key: Uint8Array, seed: number): number {
  if (key.length % 4 === 0) {
    const words = new Uint32Array(key.length / 4);
    for (let k = 0; k < words.length; k++) words[k] = (key[4 * k] | (key[4 * k + 1] << 8) | (key[4 * k + 2] << 16) | (key[4 * k + 3] << 24)) >>> 0;
    return jhash2(words, seed);
  }
  return jhash(key, seed);
}
