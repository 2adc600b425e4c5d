/**
 * Packet helpers: bpf_xdp_adjust_head (44), bpf_xdp_adjust_meta (54), bpf_xdp_adjust_tail (65),
 * bpf_xdp_get_buff_len (188), bpf_xdp_load_bytes (189), bpf_xdp_store_bytes (190),
 * bpf_redirect (23), bpf_redirect_map (51), bpf_csum_diff (28), bpf_skb_store_bytes (9),
 * bpf_l3_csum_replace (10), bpf_l4_csum_replace (11), bpf_skb_load_bytes (26),
 * bpf_skb_load_bytes_relative (68).
 *
 * Bounds as the kernel applies them: adjust_head keeps data ≥ hard start + sizeof(struct
 * xdp_frame) (40) + metadata and at least ETH_HLEN (14) bytes of packet; adjust_meta keeps the
 * metadata 4-byte aligned and under 256 bytes (6.18; older kernels allowed 32); adjust_tail keeps ≥ 14 bytes and stays below the frame
 * end (the test run's 4096-byte frame minus the skb_shared_info tailroom); growing zero-fills.
 * Checksums are RFC 1071 ones'-complement arithmetic on values in memory order, so results match
 * the kernel on a little-endian machine bit for bit (csum_diff: the difference folded to 16 bits,
 * as 6.18 returns it on every architecture; any sizes). skb_load_bytes_relative fails with -EFAULT
 * for every error, a bad start header included, and zero-fills the buffer.
 *
 * Does not: non-linear skbs or XDP frags, CHECKSUM_COMPLETE bookkeeping (skb->csum is not
 * modelled), real redirects (the target is recorded for the run result).
 * Provenance: UAPI helper docs (bpf.h), RFC 1071/1624; our own code.
 */
import type { HelperFn, VmApi } from '../../../vm/index.ts';
import { EINVAL, RedirectMap } from '../../maps/index.ts';
import type { HelperEnv, SkbBuff, XdpBuff } from './env.ts';
import { EFAULT } from './basic.ts';
import { mapOf } from './maps.ts';

export const XDP_FRAME_SIZE = 40;
export const ETH_HLEN = 14;
const XDP_ABORTED = 0n;
const XDP_REDIRECT = 4n;
const TC_ACT_SHOT = 2n;
const TC_ACT_REDIRECT = 7n;
const BPF_F_INGRESS = 1n;
const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));
const s32 = (v: bigint) => Number(BigInt.asIntN(32, v));

/**
 * x86-64 csum_partial: ones'-complement sum of little-endian words (a short tail zero-padded),
 * folded to 32 bits.
 */
export function csumPartial(data: Uint8Array, seed: number): number {
  let acc = BigInt(seed >>> 0);
  for (let k = 0; k < data.length; k += 4) {
    acc += BigInt(((data[k] ?? 0) | ((data[k + 1] ?? 0) << 8) | ((data[k + 2] ?? 0) << 16) | ((data[k + 3] ?? 0) << 24)) >>> 0);
  }
  while (acc > 0xffffffffn) acc = (acc & 0xffffffffn) + (acc >> 32n);
  return Number(acc);
}

const add32 = (a: number, b: number): number => {
  const s = (a >>> 0) + (b >>> 0);
  return (s > 0xffffffff ? s - 0xffffffff : s) >>> 0;
};
/** csum_from32to16: fold a 32-bit sum to 16 bits, without complementing. */
export const from32to16 = (c: number): number => {
  let s = (c & 0xffff) + (c >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
};
const fold = (c: number): number => {
  let s = (c & 0xffff) + (c >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
};

/** csum_replace2/4/by_diff on the 16-bit field at `off` (values in memory order). */
export function csumReplace(read16: () => number, write16: (v: number) => void, from: number, to: number, size: 0 | 2 | 4): void {
  const old = read16();
  if (size === 2) {
    let s = (~old & 0xffff) + (~from & 0xffff) + (to & 0xffff);
    s = (s & 0xffff) + (s >>> 16);
    s = (s & 0xffff) + (s >>> 16);
    write16(~s & 0xffff);
    return;
  }
  const unf = ~old & 0xffff;
  const c = size === 4 ? add32(add32(unf, ~from >>> 0), to >>> 0) : add32(to >>> 0, unf);
  write16(fold(c));
}

function xdp(env: HelperEnv, vm: VmApi): XdpBuff {
  const p = env.packet;
  if (!p || p.kind !== 'xdp') vm.oops('XDP helper called without an XDP buffer');
  return p;
}

function skb(env: HelperEnv, vm: VmApi): SkbBuff {
  const p = env.packet;
  if (!p || p.kind !== 'skb') vm.oops('skb helper called without a socket buffer');
  return p;
}

export function netHelpers(env: HelperEnv): Record<number, HelperFn> {
  const h: Record<number, HelperFn> = {
    44: (vm, _r1, r2) => {
      const x = xdp(env, vm);
      const metalen = x.dataMeta <= x.data ? x.data - x.dataMeta : 0n;
      const data = x.data + BigInt(s32(r2));
      if (data < x.hardStart + BigInt(XDP_FRAME_SIZE) + metalen || data > x.dataEnd - BigInt(ETH_HLEN)) return neg(EINVAL);
      if (metalen > 0n) {
        const m = vm.readBytes(x.dataMeta, Number(metalen));
        vm.writeBytes(x.dataMeta + (data - x.data), m);
      }
      x.dataMeta = x.dataMeta + (data - x.data);
      x.data = data;
      env.packetChanged();
      return 0n;
    },
    54: (vm, _r1, r2) => {
      const x = xdp(env, vm);
      const meta = x.dataMeta + BigInt(s32(r2));
      const metalen = x.data - meta;
      if (meta < x.hardStart + BigInt(XDP_FRAME_SIZE) || meta > x.data) return neg(EINVAL);
      if ((metalen & 3n) !== 0n || metalen > 255n) return neg(13); // -EACCES (metasize is a u8)
      x.dataMeta = meta;
      env.packetChanged();
      return 0n;
    },
    65: (vm, _r1, r2) => {
      const x = xdp(env, vm);
      const end = x.dataEnd + BigInt(s32(r2));
      if (end > x.hardEnd || end < x.data + BigInt(ETH_HLEN)) return neg(EINVAL);
      if (end > x.dataEnd) vm.memory.bytes.fill(0, x.region.offset + Number(x.dataEnd - x.region.base), x.region.offset + Number(end - x.region.base));
      x.dataEnd = end;
      env.packetChanged();
      return 0n;
    },
    188: (vm) => {
      const x = xdp(env, vm);
      return x.dataEnd - x.data;
    },
    189: (vm, _r1, r2, r3, r4) => {
      const x = xdp(env, vm);
      if (r2 + r4 > x.dataEnd - x.data) return neg(EINVAL);
      vm.writeBytes(r3, vm.readBytes(x.data + r2, Number(r4)));
      return 0n;
    },
    190: (vm, _r1, r2, r3, r4) => {
      const x = xdp(env, vm);
      if (r2 + r4 > x.dataEnd - x.data) return neg(EINVAL);
      vm.writeBytes(x.data + r2, vm.readBytes(r3, Number(r4)));
      return 0n;
    },
    23: (_vm, r1, r2) => {
      if (env.progType === 'xdp') {
        if (r2 !== 0n) return XDP_ABORTED;
        env.redirect = { ifindex: Number(r1 & 0xffffffffn), flags: 0 };
        return XDP_REDIRECT;
      }
      if ((r2 & ~BPF_F_INGRESS) !== 0n) return TC_ACT_SHOT;
      env.redirect = { ifindex: Number(r1 & 0xffffffffn), flags: Number(r2) };
      return TC_ACT_REDIRECT;
    },
    51: (vm, r1, r2, r3) => {
      // Lower two bits: the action on a lookup miss; devmap also takes BPF_F_BROADCAST (8) and
      // BPF_F_EXCLUDE_INGRESS (16); any other bit is XDP_ABORTED.
      const m = mapOf(env, vm, r1);
      const extra = m.type === 'devmap' || m.type === 'devmap_hash' ? 8n | 16n : 0n;
      if ((r3 & ~(3n | extra)) !== 0n) return XDP_ABORTED;
      const key = Number(r2 & 0xffffffffn);
      const broadcast = (r3 & 8n) !== 0n;
      const hit = m instanceof RedirectMap ? m.target(key) !== undefined : m.lookup(new Uint8Array(new Uint32Array([key]).buffer), env.cpu) !== 0n;
      if (!hit && !broadcast) return r3 & 3n;
      env.redirect = { ifindex: m instanceof RedirectMap && hit && m.type === 'devmap' ? new DataView(m.target(key)!.buffer).getUint32(0, true) : 0, flags: Number(r3), map: m.name, key };
      return XDP_REDIRECT;
    },
    28: (vm, r1, r2, r3, r4, r5) => {
      // 6.18: csum_sub(csum_partial(to, to_size, seed), csum_partial(from, from_size, 0)), folded to
      // 16 bits (not complemented); sizes need not be multiples of 4 any more.
      const from = r2 ? vm.readBytes(r1, Number(r2)) : new Uint8Array(0);
      const to = r4 ? vm.readBytes(r3, Number(r4)) : new Uint8Array(0);
      const sum = add32(csumPartial(to, Number(r5 & 0xffffffffn)), ~csumPartial(from, 0) >>> 0);
      return BigInt(from32to16(sum));
    },
    26: (vm, _r1, r2, r3, r4) => {
      const s = skb(env, vm);
      const len = Number(r4);
      const off = r2 & 0xffffffffn;
      if (off > 0xffffn || off + r4 > s.dataEnd - s.data) {
        vm.writeBytes(r3, new Uint8Array(len));
        return neg(EFAULT);
      }
      vm.writeBytes(r3, vm.readBytes(s.data + off, len));
      return 0n;
    },
    68: (vm, _r1, r2, r3, r4, r5) => {
      const s = skb(env, vm);
      const len = Number(r4);
      const fail = (e: number) => {
        vm.writeBytes(r3, new Uint8Array(len));
        return neg(e);
      };
      const off = r2 & 0xffffffffn;
      if (off > 0xffffn) return fail(EFAULT);
      if (r5 !== 0n && r5 !== 1n) return fail(EFAULT);
      const start = r5 === 0n ? s.mac : s.network;
      const p = start + off;
      if (p < s.data - (s.data - s.mac) || p + r4 > s.dataEnd) return fail(EFAULT);
      vm.writeBytes(r3, vm.readBytes(p, len));
      return 0n;
    },
    9: (vm, _r1, r2, r3, r4, r5) => {
      const s = skb(env, vm);
      if ((r5 & ~3n) !== 0n) return neg(EINVAL);
      const off = r2 & 0xffffffffn;
      if (off > 0xffffn || off + r4 > s.dataEnd - s.data) return neg(EFAULT);
      vm.writeBytes(s.data + off, vm.readBytes(r3, Number(r4)));
      return 0n;
    },
    10: (vm, _r1, r2, r3, r4, r5) => csumHelper(env, vm, r2, r3, r4, r5, false),
    11: (vm, _r1, r2, r3, r4, r5) => csumHelper(env, vm, r2, r3, r4, r5, true),
  };
  return h;
}

const BPF_F_HDR_FIELD_MASK = 0xfn;
const BPF_F_PSEUDO_HDR = 0x10n;
const BPF_F_MARK_MANGLED_0 = 0x20n;
const BPF_F_MARK_ENFORCE = 0x40n;
const BPF_F_IPV6 = 0x80n;

function csumHelper(env: HelperEnv, vm: VmApi, off: bigint, from: bigint, to: bigint, flags: bigint, l4: boolean): bigint {
  const s = skb(env, vm);
  const allowed = l4 ? BPF_F_HDR_FIELD_MASK | BPF_F_PSEUDO_HDR | BPF_F_MARK_MANGLED_0 | BPF_F_MARK_ENFORCE | BPF_F_IPV6 : BPF_F_HDR_FIELD_MASK;
  if ((flags & ~allowed) !== 0n) return neg(EINVAL);
  const o = off & 0xffffffffn;
  if (o > 0xffffn || o + 2n > s.dataEnd - s.data) return neg(EFAULT);
  const addr = s.data + o;
  const mm0 = l4 && (flags & BPF_F_MARK_MANGLED_0) !== 0n;
  const cur = Number(vm.read(addr, 2));
  if (mm0 && cur === 0) return 0n;
  const size = Number(flags & BPF_F_HDR_FIELD_MASK);
  if (size === 0 && from !== 0n) return neg(EINVAL);
  if (size !== 0 && size !== 2 && size !== 4) return neg(EINVAL);
  let out = cur;
  csumReplace(() => cur, (v) => (out = v), Number(from & 0xffffffffn), Number(to & 0xffffffffn), size as 0 | 2 | 4);
  if (mm0 && out === 0) out = 0xffff;
  vm.write(addr, 2, BigInt(out));
  return 0n;
}
