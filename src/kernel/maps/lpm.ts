/**
 * BPF_MAP_TYPE_LPM_TRIE: longest-prefix match. A key is `struct bpf_lpm_trie_key_u8 { __u32
 * prefixlen; __u8 data[]; }` (key_size = 4 + data size); prefixes are compared bit by bit from the
 * first byte's most significant bit (network order, as IP addresses are stored).
 *
 * Semantics: lookup (program and user) returns the entry with the longest prefix matching the key's
 * data within the key's prefixlen; update needs prefixlen ≤ 8 × data size (-EINVAL), flags
 * ANY/NOEXIST/EXIST (-EINVAL otherwise, -EEXIST / -ENOENT as for hashes), and a new prefix in a
 * full trie is -ENOSPC; delete needs the exact prefix (-ENOENT otherwise). Get-next-key walks the
 * trie in post-order — longer (more specific) prefixes before the prefixes containing them, the
 * 0 branch before the 1 branch — as the kernel does.
 *
 * Deliberate differences: stored data keep the bits past the prefix as given (the kernel too), but
 * lookups from programs do not count accesses. Provenance: Documentation/bpf/map_lpm_trie.rst;
 * our own code.
 */
import type { Region } from '../../vm/index.ts';
import { badUpdateFlags } from './array.ts';
import { BPF_EXIST } from './map.ts';
import {
  BPF_F_LOCK, BPF_NOEXIST, EEXIST, EINVAL, ENOENT, ENOSPC, MapBase, roundUp8, u32le,
  type MapHost, type UserResult, type UserValue,
} from './map.ts';

interface Node {
  len: number;
  data: Uint8Array;
  slot: number;
}

const bit = (d: Uint8Array, i: number): number => (d[i >> 3] >> (7 - (i & 7))) & 1;

/** Do the first `n` bits of a and b agree? */
function samePrefix(a: Uint8Array, b: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (bit(a, i) !== bit(b, i)) return false;
  return true;
}

/** Post-order of the binary trie: descendants first, the 0 branch before the 1 branch. */
function postOrder(a: Node, b: Node): number {
  const m = Math.min(a.len, b.len);
  for (let i = 0; i < m; i++) {
    const x = bit(a.data, i);
    const y = bit(b.data, i);
    if (x !== y) return x - y;
  }
  return b.len - a.len;
}

export class LpmTrieMap extends MapBase {
  readonly dataSize: number;
  readonly elemSize: number;
  readonly block: Region;
  private nodes: Node[] = [];
  private readonly freeSlots: number[] = [];
  private fresh = 0;

  constructor(host: MapHost, name: string, typeId: number, key: number, value: number, max: number, flags: number) {
    super(host, name, 'lpm_trie', typeId, key, value, max, flags);
    this.dataSize = key - 4;
    this.elemSize = roundUp8(value);
    this.block = host.memory.alloc('map_value', this.elemSize * max, { name: `map ${name} values` });
  }

  private split(key: Uint8Array): { len: number; data: Uint8Array } {
    return { len: u32le(key), data: key.subarray(4, 4 + this.dataSize) };
  }

  private match(key: Uint8Array): Node | undefined {
    const { len, data } = this.split(key);
    let best: Node | undefined;
    for (const n of this.nodes) {
      if (n.len <= len && samePrefix(n.data, data, n.len) && (!best || n.len > best.len)) best = n;
    }
    return best;
  }

  private exact(len: number, data: Uint8Array): Node | undefined {
    return this.nodes.find((n) => n.len === len && samePrefix(n.data, data, len));
  }

  private off(slot: number): number {
    return this.block.offset + slot * this.elemSize;
  }

  override lookup(key: Uint8Array): bigint {
    const n = this.match(key);
    return n ? this.block.base + BigInt(n.slot * this.elemSize) : 0n;
  }

  override update(key: Uint8Array, value: Uint8Array, flags: bigint): number {
    if (badUpdateFlags(flags) || flags & BigInt(BPF_F_LOCK)) return -EINVAL;
    const { len, data } = this.split(key);
    if (len > 8 * this.dataSize) return -EINVAL;
    let n = this.exact(len, data);
    if (n && flags & BigInt(BPF_NOEXIST)) return -EEXIST;
    if (!n && flags & BigInt(BPF_EXIST)) return -ENOENT;
    if (!n) {
      const slot = this.freeSlots.length ? this.freeSlots.pop() : this.fresh < this.maxEntries ? this.fresh++ : undefined;
      if (slot === undefined) return -ENOSPC;
      n = { len, data: data.slice(), slot };
      this.nodes.push(n);
      this.nodes.sort(postOrder);
    }
    this.host.memory.bytes.set(value.subarray(0, this.valueSize), this.off(n.slot));
    return 0;
  }

  override delete(key: Uint8Array): number {
    const { len, data } = this.split(key);
    if (len > 8 * this.dataSize) return -EINVAL;
    const n = this.exact(len, data);
    if (!n) return -ENOENT;
    this.nodes = this.nodes.filter((x) => x !== n);
    this.freeSlots.push(n.slot);
    return 0;
  }

  override userLookup(key: Uint8Array): UserResult<UserValue> {
    const n = this.match(key);
    if (!n) return { ok: false, errno: ENOENT };
    return { ok: true, value: this.host.memory.bytes.slice(this.off(n.slot), this.off(n.slot) + this.valueSize) };
  }

  override userUpdate(key: Uint8Array, value: UserValue, flags = 0): number {
    if (Array.isArray(value) || value.length !== this.valueSize || key.length !== this.keySize) return -EINVAL;
    return this.update(key, value, BigInt(flags));
  }

  override userDelete(key: Uint8Array): number {
    return this.delete(key);
  }

  private keyOf(n: Node): Uint8Array {
    const k = new Uint8Array(this.keySize);
    new DataView(k.buffer).setUint32(0, n.len, true);
    k.set(n.data, 4);
    return k;
  }

  override nextKey(key: Uint8Array | undefined): UserResult<Uint8Array> {
    if (!this.nodes.length) return { ok: false, errno: ENOENT };
    const at = key === undefined ? -1 : this.nodes.findIndex((n) => {
      const { len, data } = this.split(key);
      return n.len === len && samePrefix(n.data, data, len);
    });
    if (at < 0) return { ok: true, value: this.keyOf(this.nodes[0]) };
    if (at + 1 >= this.nodes.length) return { ok: false, errno: ENOENT };
    return { ok: true, value: this.keyOf(this.nodes[at + 1]) };
  }
}

