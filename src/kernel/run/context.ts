/**
 * Contexts as BPF_PROG_TEST_RUN builds them, for XDP and for the skb program types (tc /
 * sched_cls, socket filter, cgroup_skb), over VM memory.
 *
 * XDP: the frame is one 4096-byte page: 256 bytes of headroom (XDP_PACKET_HEADROOM), the packet,
 * then free room up to the page end minus the skb_shared_info tailroom (320 bytes on x86_64), so
 * packets up to 3520 bytes fit and bpf_xdp_adjust_tail can grow into the rest. data_meta starts
 * equal to data; ingress_ifindex is the loopback device (1), rx_queue_index 0.
 *
 * skb: NET_SKB_PAD (64) bytes of headroom, then the frame. eth_type_trans on the loopback device
 * sets protocol (the EtherType, network order), pkt_type (0 host for 00:00:00:00:00:00 — lo's
 * address —, 2 multicast, broadcast included since lo's broadcast address is zero, 3 other host)
 * and pulls the Ethernet header; tc sees the
 * packet from the Ethernet header again (the test run pushes it back for L2 types), a socket
 * filter from the network header, so its `len` lacks the 14 bytes. ifindex is 1. IPv4 frames need
 * a full IP header (34 bytes), IPv6 54, else the test run fails with -EINVAL. The output packet is
 * the frame from the Ethernet header, as data_out gives it — for L3 types (socket filter) with
 * that header zeroed, as the test run pushes a fresh one; XDP output starts at data_meta.
 *
 * skb->sk is a socket the test run creates: `struct bpf_sock` with the family and IP addresses
 * of the packet, state TCP_CLOSE. Values recorded from the running kernel (testdata/run: tc_ctx_*,
 * sock_ctx_* goldens).
 * Provenance: UAPI structs (progtypes/ctx.ts) and the kernel's answers; our own code.
 */
import type { Memory, Region } from '../../vm/index.ts';
import { SK_BUFF, XDP_MD, fieldByName } from '../progtypes/ctx.ts';
import type { ProgTypeName } from '../progtypes/ids.ts';
import type { PacketBuff, SkbBuff, XdpBuff } from '../helpers/impl/env.ts';

export const XDP_FRAME_SZ = 4096;
export const XDP_HEADROOM = 256;
/** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) on x86_64. */
export const SKB_SHINFO_TAILROOM = 320;
export const NET_SKB_PAD = 64;
export const LOOPBACK_IFINDEX = 1;

export interface BuiltContext {
  ctx: Region;
  packet: PacketBuff;
  /** UAPI offset of a packet-pointer field → offset of its 64-bit shadow in the ctx region. */
  pointerFields: ReadonlyMap<number, number>;
  /** Re-publish packet pointers (and skb->len) after a helper moved them. */
  sync(): void;
  /** The packet as data_out gives it after the run. */
  output(): Uint8Array;
  /** What output() gives when the program changes nothing (socket filters: Ethernet header zeroed). */
  initial: Uint8Array;
  free(): void;
}

export type ContextResult = { ok: true; value: BuiltContext } | { ok: false; errno: number; message: string };

const off = (s: typeof XDP_MD, name: string): number => fieldByName(s, name)!.off;

export function isSkbType(t: ProgTypeName): boolean {
  return t === 'socket_filter' || t === 'sched_cls' || t === 'sched_act' || t === 'cgroup_skb';
}

/** Packet-pointer fields (UAPI offset → shadow offset in the ctx region) of a program type. */
export function pointerFieldsFor(type: ProgTypeName): ReadonlyMap<number, number> {
  if (type === 'xdp') return new Map([[off(XDP_MD, 'data'), 32], [off(XDP_MD, 'data_end'), 40], [off(XDP_MD, 'data_meta'), 48]]);
  if (isSkbType(type)) {
    const SH = SK_BUFF.size;
    return new Map([[off(SK_BUFF, 'data'), SH], [off(SK_BUFF, 'data_end'), SH + 8], [off(SK_BUFF, 'data_meta'), SH + 16]]);
  }
  return new Map();
}

export function buildContext(mem: Memory, type: ProgTypeName, frame: Uint8Array): ContextResult {
  if (type === 'xdp') return buildXdp(mem, frame);
  if (isSkbType(type)) return buildSkb(mem, type, frame);
  return { ok: false, errno: 524, message: `program type ${type} cannot be test-run with a packet (ENOTSUPP)` };
}

function buildXdp(mem: Memory, frame: Uint8Array): ContextResult {
  const max = XDP_FRAME_SZ - XDP_HEADROOM - SKB_SHINFO_TAILROOM;
  if (frame.length < 14) return { ok: false, errno: 22, message: `an XDP test run needs at least 14 bytes of packet, got ${frame.length} (EINVAL)` };
  if (frame.length > max) return { ok: false, errno: 22, message: `packets over ${max} bytes need XDP frags, which are not simulated` };
  const pk = mem.allocPacket(frame, { headroom: XDP_HEADROOM, tailroom: XDP_FRAME_SZ - XDP_HEADROOM - frame.length, name: 'xdp frame' });
  const SH = 32; // shadow slots: data, data_end, data_meta
  const ctx = mem.alloc('ctx', SH + 24, { name: 'xdp_md' });
  const x: XdpBuff = {
    kind: 'xdp', region: pk.region, hardStart: pk.region.base, data: pk.data, dataEnd: pk.dataEnd, dataMeta: pk.data,
    hardEnd: pk.region.base + BigInt(XDP_FRAME_SZ - SKB_SHINFO_TAILROOM),
  };
  const v = () => mem.view;
  const sync = () => {
    v().setBigUint64(ctx.offset + SH, x.data, true);
    v().setBigUint64(ctx.offset + SH + 8, x.dataEnd, true);
    v().setBigUint64(ctx.offset + SH + 16, x.dataMeta, true);
    // The UAPI fields hold the low 32 bits, as a program reading them unconverted would see.
    v().setUint32(ctx.offset + off(XDP_MD, 'data'), Number(x.data & 0xffffffffn), true);
    v().setUint32(ctx.offset + off(XDP_MD, 'data_end'), Number(x.dataEnd & 0xffffffffn), true);
    v().setUint32(ctx.offset + off(XDP_MD, 'data_meta'), Number(x.dataMeta & 0xffffffffn), true);
  };
  v().setUint32(ctx.offset + off(XDP_MD, 'ingress_ifindex'), LOOPBACK_IFINDEX, true);
  sync();
  return {
    ok: true,
    value: {
      ctx, packet: x, sync, initial: frame.slice(),
      pointerFields: new Map([[off(XDP_MD, 'data'), SH], [off(XDP_MD, 'data_end'), SH + 8], [off(XDP_MD, 'data_meta'), SH + 16]]),
      // data_out starts at data_meta: metadata the program added is part of the output.
      output: () => mem.bytes.slice(x.region.offset + Number((x.dataMeta <= x.data ? x.dataMeta : x.data) - x.region.base), x.region.offset + Number(x.dataEnd - x.region.base)),
      free: () => {
        mem.freeRegion(ctx);
        mem.freeRegion(pk.region);
      },
    },
  };
}

/** eth_type_trans on lo: lo's broadcast address is all zeros, so ff:ff:ff:ff:ff:ff counts as multicast. */
function pktType(dst: Uint8Array): number {
  if (dst[0] & 1) return 2;
  if (dst.every((b) => b === 0)) return 0;
  return 3;
}

function buildSkb(mem: Memory, type: ProgTypeName, frame: Uint8Array): ContextResult {
  if (frame.length < 14) return { ok: false, errno: 22, message: `an skb test run needs at least an Ethernet header (14 bytes), got ${frame.length} (EINVAL)` };
  const ethType = (frame[12] << 8) | frame[13];
  if (ethType === 0x0800 && frame.length < 34) return { ok: false, errno: 22, message: `an IPv4 frame needs at least 34 bytes (a full IP header), got ${frame.length} (EINVAL)` };
  if (ethType === 0x86dd && frame.length < 54) return { ok: false, errno: 22, message: `an IPv6 frame needs at least 54 bytes, got ${frame.length} (EINVAL)` };
  const region = mem.alloc('packet', NET_SKB_PAD + frame.length, { name: 'skb data' });
  mem.bytes.set(frame, region.offset + NET_SKB_PAD);
  const mac = region.base + BigInt(NET_SKB_PAD);
  const network = mac + 14n;
  const l2 = type === 'sched_cls' || type === 'sched_act';
  const s: SkbBuff = {
    kind: 'skb', region, head: region.base, data: l2 ? mac : network, dataEnd: mac + BigInt(frame.length), mac, network,
    end: region.base + BigInt(region.size),
  };
  const SH = SK_BUFF.size; // shadow slots after the 192-byte __sk_buff
  const ctx = mem.alloc('ctx', SH + 24, { name: '__sk_buff' });
  const set32 = (name: string, val: number) => mem.view.setUint32(ctx.offset + off(SK_BUFF, name), val >>> 0, true);
  set32('pkt_type', pktType(frame.subarray(0, 6)));
  set32('protocol', ((ethType & 0xff) << 8) | (ethType >> 8));
  set32('ifindex', LOOPBACK_IFINDEX);
  const sk = buildSock(mem, frame, ethType);
  mem.view.setBigUint64(ctx.offset + off(SK_BUFF, 'sk'), sk.base, true);
  const sync = () => {
    const v = mem.view;
    set32('len', Number(s.dataEnd - s.data));
    v.setBigUint64(ctx.offset + SH, s.data, true);
    v.setBigUint64(ctx.offset + SH + 8, s.dataEnd, true);
    v.setBigUint64(ctx.offset + SH + 16, s.data, true);
    set32('data', Number(s.data & 0xffffffffn));
    set32('data_end', Number(s.dataEnd & 0xffffffffn));
    set32('data_meta', Number(s.data & 0xffffffffn));
  };
  sync();
  const initial = frame.slice();
  if (!l2) initial.fill(0, 0, 14);
  return {
    ok: true,
    value: {
      ctx, packet: s, sync, initial,
      pointerFields: new Map([[off(SK_BUFF, 'data'), SH], [off(SK_BUFF, 'data_end'), SH + 8], [off(SK_BUFF, 'data_meta'), SH + 16]]),
      // s.region, not region: a helper that grows the packet past its room moves it (netExtra.ts)
      output: () => {
        const out = mem.bytes.slice(s.region.offset + Number(s.mac - s.region.base), s.region.offset + Number(s.dataEnd - s.region.base));
        if (!l2) out.fill(0, 0, 14); // the test run pushes a zeroed Ethernet header back for L3 types
        return out;
      },
      free: () => {
        mem.freeRegion(ctx);
        if (s.region !== region) mem.freeRegion(s.region);
        mem.freeRegion(region);
        mem.freeRegion(sk);
      },
    },
  };
}

/**
 * The socket the skb test run attaches (skb->sk), as `struct bpf_sock` shows it: family from the
 * EtherType, the packet's IP addresses as source / destination, state TCP_CLOSE (7), the rest 0.
 */
function buildSock(mem: Memory, frame: Uint8Array, ethType: number): Region {
  const sk = mem.alloc('heap', 80, { name: 'struct bpf_sock (test run)', perm: 'r' });
  const v = mem.view;
  const b = mem.bytes;
  if (ethType === 0x0800) {
    v.setUint32(sk.offset + 4, 2, true); // AF_INET
    b.set(frame.subarray(26, 30), sk.offset + 24);
    b.set(frame.subarray(30, 34), sk.offset + 52);
  } else if (ethType === 0x86dd) {
    v.setUint32(sk.offset + 4, 10, true); // AF_INET6
    b.set(frame.subarray(22, 38), sk.offset + 28);
    b.set(frame.subarray(38, 54), sk.offset + 56);
  }
  v.setUint32(sk.offset + 72, 7, true); // TCP_CLOSE
  return sk;
}
