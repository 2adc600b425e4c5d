/**
 * Reusable packet contexts for bulk runs (the virtual NIC feeding a scenario to a program): the
 * same layouts as context.ts builds for one BPF_PROG_TEST_RUN — XDP's 4096-byte frame with 256
 * bytes of headroom, the skb's NET_SKB_PAD headroom and its test-run socket — but allocated once
 * and refilled per packet, so a run costs a copy instead of four region allocations and frees.
 *
 * Differences from a fresh context, on purpose: ingress_ifindex / rx_queue_index (XDP) and
 * ifindex / ingress_ifindex / queue_mapping (skb) are the packet's interface and RX queue (the
 * test run says lo and queue 0); the bytes a previous packet left in the head- and tailroom are
 * zeroed before the next one, so what a program sees is what a fresh context shows.
 * Does not: output the packet unless asked (`output()` copies; `changed()` compares).
 * Provenance: as context.ts (recorded test-run layouts); our own code.
 */
import type { Memory, Region } from '../../vm/index.ts';
import type { SkbBuff, XdpBuff } from '../helpers/impl/env.ts';
import { SK_BUFF, XDP_MD, fieldByName } from '../progtypes/ctx.ts';
import type { ProgTypeName } from '../progtypes/ids.ts';
import { NET_SKB_PAD, SKB_SHINFO_TAILROOM, XDP_FRAME_SZ, XDP_HEADROOM, isSkbType } from './context.ts';

export interface ReusableContext {
  readonly ctx: Region;
  readonly packet: XdpBuff | SkbBuff;
  /**
   * Put `frame` in the buffer; an error message (with errno) when the type's test run would refuse
   * it. `dataOffset` (skb types past the MAC header only) puts skb->data further in, as a UDP
   * socket's filter sees the datagram from its UDP header; default: the type's test-run start.
   */
  load(frame: Uint8Array, ifindex: number, rxQueue: number, dataOffset?: number): { errno: number; message: string } | undefined;
  /** Re-publish packet pointers after a helper moved them. */
  sync(): void;
  /** The packet as data_out gives it (a copy). */
  output(): Uint8Array;
  /** The packet bytes as they are now, without copying (valid until the next load). */
  view(): Uint8Array;
  /** Whether the run changed the packet (compared with what was loaded). */
  changed(): boolean;
  free(): void;
}

const off = (s: typeof XDP_MD, name: string): number => fieldByName(s, name)!.off;
/** Largest frame the skb buffer takes (a jumbo frame). */
const SKB_MAX = 9216 + 64;

export function reusableContext(mem: Memory, type: ProgTypeName): ReusableContext | undefined {
  if (type === 'xdp') return xdpContext(mem);
  if (isSkbType(type)) return skbContext(mem, type);
  return undefined;
}

function xdpContext(mem: Memory): ReusableContext {
  const max = XDP_FRAME_SZ - XDP_HEADROOM - SKB_SHINFO_TAILROOM;
  const region = mem.alloc('packet', XDP_FRAME_SZ, { name: 'xdp frame' });
  const SH = 32;
  const ctx = mem.alloc('ctx', SH + 24, { name: 'xdp_md' });
  const start = region.base + BigInt(XDP_HEADROOM);
  const x: XdpBuff = {
    kind: 'xdp', region, hardStart: region.base, data: start, dataEnd: start, dataMeta: start,
    hardEnd: region.base + BigInt(XDP_FRAME_SZ - SKB_SHINFO_TAILROOM),
  };
  let initial: Uint8Array = new Uint8Array(0);
  let dirtyEnd = 0; // bytes of the region a previous run may have written
  const O_DATA = off(XDP_MD, 'data'), O_END = off(XDP_MD, 'data_end'), O_META = off(XDP_MD, 'data_meta');
  const O_IF = off(XDP_MD, 'ingress_ifindex'), O_RXQ = off(XDP_MD, 'rx_queue_index');
  const sync = () => {
    const v = mem.view;
    const o = ctx.offset;
    v.setBigUint64(o + SH, x.data, true);
    v.setBigUint64(o + SH + 8, x.dataEnd, true);
    v.setBigUint64(o + SH + 16, x.dataMeta, true);
    v.setUint32(o + O_DATA, Number(x.data & 0xffffffffn), true);
    v.setUint32(o + O_END, Number(x.dataEnd & 0xffffffffn), true);
    v.setUint32(o + O_META, Number(x.dataMeta & 0xffffffffn), true);
  };
  const lo = () => region.offset + Number((x.dataMeta <= x.data ? x.dataMeta : x.data) - region.base);
  const hi = () => region.offset + Number(x.dataEnd - region.base);
  return {
    ctx, packet: x, sync,
    load(frame, ifindex, rxQueue) {
      if (frame.length < 14) return { errno: 22, message: `an XDP test run needs at least 14 bytes of packet, got ${frame.length} (EINVAL)` };
      if (frame.length > max) return { errno: 22, message: `packets over ${max} bytes need XDP frags, which are not simulated` };
      const b = mem.bytes;
      // a previous run may have moved data (adjust_head/meta) or grown the tail: clear what it used
      dirtyEnd = Math.max(dirtyEnd, Number(x.dataEnd - region.base));
      if (dirtyEnd) b.fill(0, region.offset, region.offset + dirtyEnd);
      b.set(frame, region.offset + XDP_HEADROOM);
      x.data = start;
      x.dataMeta = start;
      x.dataEnd = start + BigInt(frame.length);
      dirtyEnd = Math.min(XDP_FRAME_SZ, XDP_HEADROOM + frame.length);
      initial = frame;
      mem.view.setUint32(ctx.offset + O_IF, ifindex >>> 0, true);
      mem.view.setUint32(ctx.offset + O_RXQ, rxQueue >>> 0, true);
      sync();
      return undefined;
    },
    output: () => mem.bytes.slice(lo(), hi()),
    view: () => mem.bytes.subarray(lo(), hi()),
    changed() {
      const a = lo(), e = hi();
      if (e - a !== initial.length) return true;
      const b = mem.bytes;
      for (let k = 0; k < initial.length; k++) if (b[a + k] !== initial[k]) return true;
      return false;
    },
    free() {
      mem.freeRegion(ctx);
      mem.freeRegion(region);
    },
  };
}

function pktType(f: Uint8Array): number {
  if (f[0] & 1) return 2;
  for (let k = 0; k < 6; k++) if (f[k] !== 0) return 3;
  return 0;
}

function skbContext(mem: Memory, type: ProgTypeName): ReusableContext {
  const region = mem.alloc('packet', NET_SKB_PAD + SKB_MAX, { name: 'skb data' });
  const SH = SK_BUFF.size;
  const ctx = mem.alloc('ctx', SH + 24, { name: '__sk_buff' });
  const sk = mem.alloc('heap', 80, { name: 'struct bpf_sock (test run)', perm: 'r' });
  const l2 = type === 'sched_cls' || type === 'sched_act';
  const mac = region.base + BigInt(NET_SKB_PAD);
  const s: SkbBuff = { kind: 'skb', region, head: region.base, data: mac, dataEnd: mac, mac, network: mac + 14n, end: mac };
  const at = (name: string) => ctx.offset + off(SK_BUFF, name);
  const O = {
    len: at('len'), pkt: at('pkt_type'), proto: at('protocol'), ifindex: at('ifindex'), ingress: at('ingress_ifindex'),
    qm: at('queue_mapping'), data: at('data'), end: at('data_end'), meta: at('data_meta'), sk: at('sk'),
  };
  mem.view.setBigUint64(O.sk, sk.base, true);
  let initial: Uint8Array = new Uint8Array(0);
  let dirtyEnd = 0;
  const sync = () => {
    const v = mem.view;
    v.setUint32(O.len, Number(s.dataEnd - s.data) >>> 0, true);
    v.setBigUint64(ctx.offset + SH, s.data, true);
    v.setBigUint64(ctx.offset + SH + 8, s.dataEnd, true);
    v.setBigUint64(ctx.offset + SH + 16, s.data, true);
    v.setUint32(O.data, Number(s.data & 0xffffffffn), true);
    v.setUint32(O.end, Number(s.dataEnd & 0xffffffffn), true);
    v.setUint32(O.meta, Number(s.data & 0xffffffffn), true);
  };
  // s.region: a helper that grows the packet past its room moves it to a bigger region (netExtra.ts)
  const lo = () => s.region.offset + Number(s.mac - s.region.base);
  const hi = () => s.region.offset + Number(s.dataEnd - s.region.base);
  const out = (copy: boolean) => {
    const o = copy ? mem.bytes.slice(lo(), hi()) : mem.bytes.subarray(lo(), hi());
    if (!l2 && copy) o.fill(0, 0, 14);
    return o;
  };
  return {
    ctx, packet: s, sync,
    load(frame, ifindex, rxQueue, dataOffset) {
      if (frame.length < 14) return { errno: 22, message: `an skb test run needs at least an Ethernet header (14 bytes), got ${frame.length} (EINVAL)` };
      const ethType = (frame[12] << 8) | frame[13];
      if (ethType === 0x0800 && frame.length < 34) return { errno: 22, message: `an IPv4 frame needs at least 34 bytes (a full IP header), got ${frame.length} (EINVAL)` };
      if (ethType === 0x86dd && frame.length < 54) return { errno: 22, message: `an IPv6 frame needs at least 54 bytes, got ${frame.length} (EINVAL)` };
      if (frame.length > SKB_MAX) return { errno: 22, message: `frames over ${SKB_MAX} bytes are not simulated` };
      if (s.region !== region) {
        // the last packet was moved to a bigger region: back to ours
        mem.freeRegion(s.region);
        s.region = region;
        s.head = region.base;
        s.data = s.dataEnd = s.end = s.mac = s.network = region.base;
        dirtyEnd = region.size;
      }
      const b = mem.bytes;
      const v = mem.view;
      dirtyEnd = Math.max(dirtyEnd, Number(s.end - region.base), Number(s.dataEnd - region.base));
      if (dirtyEnd) b.fill(0, region.offset, region.offset + dirtyEnd);
      b.set(frame, region.offset + NET_SKB_PAD);
      dirtyEnd = NET_SKB_PAD + frame.length;
      s.mac = mac;
      s.network = mac + 14n;
      s.data = l2 ? mac : dataOffset !== undefined && dataOffset >= 14 && dataOffset <= frame.length ? mac + BigInt(dataOffset) : s.network;
      s.dataEnd = mac + BigInt(frame.length);
      s.end = s.dataEnd;
      initial = frame;
      v.setUint32(O.pkt, pktType(frame), true);
      v.setUint32(O.proto, ((ethType & 0xff) << 8) | (ethType >> 8), true);
      v.setUint32(O.ifindex, ifindex >>> 0, true);
      v.setUint32(O.ingress, ifindex >>> 0, true);
      v.setUint32(O.qm, rxQueue >>> 0, true);
      // the socket: family and addresses from the packet, TCP_CLOSE
      b.fill(0, sk.offset, sk.offset + 80);
      if (ethType === 0x0800) {
        v.setUint32(sk.offset + 4, 2, true);
        b.set(frame.subarray(26, 30), sk.offset + 24);
        b.set(frame.subarray(30, 34), sk.offset + 52);
      } else if (ethType === 0x86dd) {
        v.setUint32(sk.offset + 4, 10, true);
        b.set(frame.subarray(22, 38), sk.offset + 28);
        b.set(frame.subarray(38, 54), sk.offset + 56);
      }
      v.setUint32(sk.offset + 72, 7, true);
      sync();
      return undefined;
    },
    output: () => out(true),
    view: () => out(false),
    changed() {
      const a = lo(), e = hi();
      if (e - a !== initial.length) return true;
      const b = mem.bytes;
      for (let k = l2 ? 0 : 14; k < initial.length; k++) if (b[a + k] !== initial[k]) return true;
      return false;
    },
    free() {
      mem.freeRegion(ctx);
      if (s.region !== region) mem.freeRegion(s.region);
      mem.freeRegion(region);
      mem.freeRegion(sk);
    },
  };
}
