/**
 * Socket-buffer reshaping helpers: bpf_skb_change_tail (38), bpf_skb_change_head (43) and
 * bpf_skb_adjust_room (50).
 *
 *   skb_change_tail(skb, len, flags): trim the packet to `len` bytes or grow it with zeroes.
 *     flags ≠ 0, len past BPF_SKB_MAX_LEN (16064 on x86_64) or below the network header's
 *     offset → -EINVAL.
 *   skb_change_head(skb, len, flags): push `len` zeroed bytes in front of the packet (room for a
 *     new MAC header); the MAC header then starts at the new data. flags ≠ 0, or a new length
 *     past BPF_SKB_MAX_LEN → -EINVAL.
 *   skb_adjust_room(skb, len_diff, mode, flags): insert (len_diff > 0, zeroed) or remove bytes
 *     after the L2 header (BPF_ADJ_ROOM_MAC) or after the fixed L3 header — 20 bytes for IPv4, 40
 *     for IPv6 (BPF_ADJ_ROOM_NET) — moving the headers in front, as the kernel's skb_push/pull +
 *     memmove does. Errors as 6.18 gives them: |len_diff| > 0xfff → -EFAULT; an unknown flag, or a
 *     shrink with flags other than FIXED_GSO / NO_CSUM_RESET / the DECAP ones → -EINVAL; both
 *     L3 or both L4 encap flags → -EINVAL; another mode, or a packet that is neither IPv4 nor IPv6
 *     → -ENOTSUPP (524); a shrink that would leave less than the fixed L3 header → -ENOTSUPP.
 *
 * Growing uses the skb's head- or tailroom; when that runs out the buffer moves to a bigger region
 * (pskb_expand_head), as the kernel reallocates it. Encap flags are accepted and change no bytes
 * (they set inner-header offsets and GSO metadata the simulation does not model).
 * Provenance: UAPI helper docs (bpf.h); the numbers recorded from the kernel (testdata/run); our code.
 */
import type { HelperFn, VmApi } from '../../../vm/index.ts';
import type { HelperEnv, SkbBuff } from './env.ts';

const EFAULT = 14;
const EINVAL = 22;
const ENOTSUPP = 524;
const NET_SKB_PAD = 64;
/** BPF_SKB_MAX_LEN: SKB_MAX_ALLOC, four pages minus the skb_shared_info (x86_64). */
const BPF_SKB_MAX_LEN = 16384 - 320;
const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));
const s32 = (v: bigint) => Number(BigInt.asIntN(32, v & 0xffffffffn));

export const BPF_ADJ_ROOM_NET = 0;
export const BPF_ADJ_ROOM_MAC = 1;
const F_FIXED_GSO = 1n << 0n;
const F_ENCAP_L3_IPV4 = 1n << 1n;
const F_ENCAP_L3_IPV6 = 1n << 2n;
const F_ENCAP_L4_GRE = 1n << 3n;
const F_ENCAP_L4_UDP = 1n << 4n;
const F_NO_CSUM_RESET = 1n << 5n;
const F_ENCAP_L2_ETH = 1n << 6n;
const F_DECAP_L3_IPV4 = 1n << 7n;
const F_DECAP_L3_IPV6 = 1n << 8n;
const F_ENCAP_L2_MASK = 0xffn << 56n;
const ADJ_ROOM_MASK = F_FIXED_GSO | F_ENCAP_L3_IPV4 | F_ENCAP_L3_IPV6 | F_ENCAP_L4_GRE | F_ENCAP_L4_UDP | F_ENCAP_L2_ETH | F_ENCAP_L2_MASK | F_DECAP_L3_IPV4 | F_DECAP_L3_IPV6;

function skb(env: HelperEnv, vm: VmApi): SkbBuff {
  const p = env.packet;
  if (!p || p.kind !== 'skb') vm.oops('skb helper called without a socket buffer');
  return p;
}

/** The EtherType the skb carries (skb->protocol), from the frame's own header. */
function proto(vm: VmApi, s: SkbBuff): number {
  const b = vm.readBytes(s.mac + 12n, 2);
  return (b[0] << 8) | b[1];
}

/**
 * pskb_expand_head: move the buffer to a bigger region with `head` more bytes of headroom and
 * `tail` more of tailroom; every packet pointer moves with it (the verifier has invalidated the
 * program's packet pointers across a helper that changes packet data).
 */
function expand(vm: VmApi, s: SkbBuff, head: number, tail: number): void {
  const m = vm.memory;
  const old = s.region;
  const used = Number(s.end - old.base);
  const nr = m.alloc('packet', used + head + tail, { name: EXPANDED });
  m.bytes.set(m.bytes.subarray(old.offset, old.offset + used), nr.offset + head);
  const delta = nr.base + BigInt(head) - old.base;
  s.region = nr;
  s.head = nr.base;
  s.data += delta;
  s.dataEnd += delta;
  s.mac += delta;
  s.network += delta;
  s.end = nr.base + BigInt(nr.size);
  // a region an earlier expand made is ours to free; the context's own buffer is its owner's
  if (old.name === EXPANDED) m.freeRegion(old);
}

/** Name of the regions expand() moves a packet to (the context frees the last one). */
export const EXPANDED = 'skb data (expanded)';

/** Make `len` bytes of room at `off` bytes past data by moving the first `off` bytes to the front. */
function push(vm: VmApi, s: SkbBuff, off: number, len: number): boolean {
  if (s.data - BigInt(len) < s.head) expand(vm, s, len + NET_SKB_PAD, 0);
  const head = vm.readBytes(s.data, off);
  s.data -= BigInt(len);
  vm.writeBytes(s.data, head);
  vm.writeBytes(s.data + BigInt(off), new Uint8Array(len));
  return true;
}

/** Remove `len` bytes at `off` past data, moving the first `off` bytes back. */
function pull(vm: VmApi, s: SkbBuff, off: number, len: number): void {
  const head = vm.readBytes(s.data, off);
  s.data += BigInt(len);
  vm.writeBytes(s.data, head);
}

export function netExtraHelpers(env: HelperEnv): Record<number, HelperFn> {
  return {
    43: (vm, _r1, r2, r3) => {
      const s = skb(env, vm);
      const len = Number(r2 & 0xffffffffn);
      const cur = Number(s.dataEnd - s.data);
      if (r3 !== 0n || cur + len > BPF_SKB_MAX_LEN) return neg(EINVAL);
      push(vm, s, 0, len);
      s.mac = s.data; // skb_reset_mac_header; the network header stays where it was
      env.packetChanged();
      return 0n;
    },
    38: (vm, _r1, r2, r3) => {
      const s = skb(env, vm);
      const len = Number(r2 & 0xffffffffn);
      // the floor: the network header's offset (the test run's skb has no transport header set)
      const min = Number(s.network - s.data);
      if (r3 !== 0n || len > BPF_SKB_MAX_LEN || len < min) return neg(EINVAL);
      const cur = Number(s.dataEnd - s.data);
      if (len > cur) {
        if (s.dataEnd + BigInt(len - cur) > s.end) expand(vm, s, 0, len - cur);
        vm.writeBytes(s.dataEnd, new Uint8Array(len - cur));
      }
      s.dataEnd = s.data + BigInt(len);
      env.packetChanged();
      return 0n;
    },
    50: (vm, _r1, r2, r3, r4) => {
      const s = skb(env, vm);
      const diff = s32(r2);
      const abs = Math.abs(diff);
      const mode = Number(r3 & 0xffffffffn);
      if (abs > 0xfff) return neg(EFAULT);
      if ((r4 & ~(ADJ_ROOM_MASK | F_NO_CSUM_RESET)) !== 0n) return neg(EINVAL);
      if (diff < 0 && (r4 & ~(F_FIXED_GSO | F_NO_CSUM_RESET | F_DECAP_L3_IPV4 | F_DECAP_L3_IPV6)) !== 0n) return neg(EINVAL);
      if (mode !== BPF_ADJ_ROOM_NET && mode !== BPF_ADJ_ROOM_MAC) return neg(ENOTSUPP);
      const et = proto(vm, s);
      if (et !== 0x0800 && et !== 0x86dd) return neg(ENOTSUPP);
      const base = et === 0x0800 ? 20 : 40;
      // offsets are from data; for tc programs data is the MAC header
      const macLen = Number(s.network - s.mac);
      const lead = Number(s.mac - s.data); // negative when data is past the MAC header (L3 types)
      const off = lead + macLen + (mode === BPF_ADJ_ROOM_NET ? base : 0);
      const lenCur = Number(s.dataEnd - s.network);
      if (diff < 0) {
        if (abs >= lenCur || lenCur - abs < base) return neg(ENOTSUPP);
        pull(vm, s, off, abs);
      } else if (diff > 0) {
        if ((r4 & F_ENCAP_L3_IPV4) && (r4 & F_ENCAP_L3_IPV6)) return neg(EINVAL);
        if ((r4 & F_ENCAP_L4_GRE) && (r4 & F_ENCAP_L4_UDP)) return neg(EINVAL);
        if (Number(s.dataEnd - s.data) + abs > BPF_SKB_MAX_LEN) return neg(ENOTSUPP);
        push(vm, s, off, abs);
      }
      s.mac = s.data + BigInt(lead);
      s.network = s.mac + BigInt(macLen);
      env.packetChanged();
      return 0n;
    },
  };
}
