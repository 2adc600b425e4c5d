/**
 * bpf_fib_lookup (69) against the simulated host's routing and neighbour tables.
 *
 * The host (the same one src/sim/nic/interfaces.ts describes; kernel code cannot import sim, so
 * the table is data here and a test keeps the two in step) forwards on every interface:
 *
 *   ipv4: 127.0.0.0/8 local (lo); 10.0.0.0/24 dev eth0; 192.168.1.0/24 dev eth1;
 *         default via 10.0.0.254 dev eth0; blackhole 192.0.2.0/24; unreachable 198.51.100.0/24;
 *         prohibit 203.0.113.128/25; local addresses 127.0.0.1, 10.0.0.1, 192.168.1.1 and the
 *         subnet broadcasts (not forwarded)
 *   ipv6: ::1 local; fd00::/64 dev eth0; fd01::/64 dev eth1; default via fe80::5054:ff:fe00:fe
 *         dev eth0; local fd00::1, fd01::1
 *   neighbours: eth0 10.0.0.2 (iperf client), .53 (resolver), .254 (gateway), .10–.99 (LAN
 *         hosts, 52:54:00:01:00:<n>); eth1 192.168.1.10; IPv6 fd00::2, fd01::10, the gateway
 *
 * Semantics as the helper documents them (UAPI bpf.h) and 6.18 behaves: plen below 64 bytes or an
 * unknown flag → -EINVAL; a family other than AF_INET/AF_INET6 → -EAFNOSUPPORT; an ifindex with
 * no device → -ENODEV; then BPF_FIB_LKUP_RET_* (≥ 0): BLACKHOLE / UNREACHABLE / PROHIBIT for those
 * routes, NOT_FWDED for local, broadcast and multicast destinations, FRAG_NEEDED when tot_len is
 * over the egress MTU (mtu_result set), NO_NEIGH when the next hop has no neighbour entry, else
 * SUCCESS with ifindex (egress device), rt_metric, the next hop as ipv4_dst/ipv6_dst when routed
 * via a gateway, smac (the device's) and dmac (the neighbour's) filled and the VLAN fields zeroed.
 * FWD_DISABLED comes first when the ingress device does not forward, BPF_FIB_LOOKUP_OUTPUT or not
 * (the simulated host forwards on every device; a default Linux box — this machine — does not, so
 * its kernel answers 5 where the simulation looks the route up). SKIP_NEIGH stops before the
 * neighbour lookup, SRC fills the source address the host would pick.
 *
 * Does not: policy routing (DIRECT/TBID/MARK take the main table), ECMP, VLAN devices, lwt.
 * Provenance: UAPI bpf.h (struct bpf_fib_lookup layout, return codes); our own code and table.
 */
import type { HelperFn, VmApi } from '../../../vm/index.ts';
import type { HelperEnv } from './env.ts';

const EINVAL = 22;
const ENODEV = 19;
const EAFNOSUPPORT = 97;
const AF_INET = 2;
const AF_INET6 = 10;
const neg = (e: number): bigint => BigInt.asUintN(64, BigInt(-e));

export const BPF_FIB_LOOKUP_DIRECT = 1;
export const BPF_FIB_LOOKUP_OUTPUT = 2;
export const BPF_FIB_LOOKUP_SKIP_NEIGH = 4;
export const BPF_FIB_LOOKUP_TBID = 8;
export const BPF_FIB_LOOKUP_SRC = 16;
export const BPF_FIB_LOOKUP_MARK = 32;
export const FIB_RET = {
  SUCCESS: 0, BLACKHOLE: 1, UNREACHABLE: 2, PROHIBIT: 3, NOT_FWDED: 4, FWD_DISABLED: 5, UNSUPP_LWT: 6, NO_NEIGH: 7, FRAG_NEEDED: 8, NO_SRC_ADDR: 9,
} as const;
/** sizeof(struct bpf_fib_lookup). */
export const FIB_LOOKUP_SIZE = 64;
/** Field offsets of struct bpf_fib_lookup. */
export const FIB = { family: 0, l4_protocol: 1, sport: 2, dport: 4, tot_len: 6, ifindex: 8, tos: 12, src: 16, dst: 32, h_vlan_proto: 48, h_vlan_TCI: 50, smac: 52, dmac: 58 } as const;

export interface FibDev {
  ifindex: number;
  name: string;
  mac: number[];
  mtu: number;
  v4: number[];
  v6: number[];
  /** net.ipv4.conf.<dev>.forwarding (and IPv6's): on everywhere, the simulated host routes. */
  forwarding: boolean;
}

type RouteType = 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit';
interface Route {
  prefix: number[];
  len: number;
  type: RouteType;
  dev?: number;
  via?: number[];
  metric: number;
}

const ip4 = (s: string) => s.split('.').map(Number);
function ip6(s: string): number[] {
  const [a, b = ''] = s.split('::');
  const hex = (p: string) => (p ? p.split(':').map((x) => parseInt(x, 16)) : []);
  const head = hex(a);
  const tail = s.includes('::') ? hex(b) : [];
  const words = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}
const mac = (s: string) => s.split(':').map((x) => parseInt(x, 16));

export const FIB_DEVS: readonly FibDev[] = [
  { ifindex: 1, name: 'lo', mac: mac('00:00:00:00:00:00'), mtu: 65536, v4: ip4('127.0.0.1'), v6: ip6('::1'), forwarding: true },
  { ifindex: 2, name: 'eth0', mac: mac('52:54:00:12:34:56'), mtu: 1500, v4: ip4('10.0.0.1'), v6: ip6('fd00::1'), forwarding: true },
  { ifindex: 3, name: 'eth1', mac: mac('52:54:00:12:34:57'), mtu: 1500, v4: ip4('192.168.1.1'), v6: ip6('fd01::1'), forwarding: true },
];

const ROUTES4: readonly Route[] = [
  { prefix: ip4('127.0.0.0'), len: 8, type: 'local', dev: 1, metric: 0 },
  { prefix: ip4('10.0.0.1'), len: 32, type: 'local', dev: 2, metric: 0 },
  { prefix: ip4('192.168.1.1'), len: 32, type: 'local', dev: 3, metric: 0 },
  { prefix: ip4('10.0.0.255'), len: 32, type: 'broadcast', dev: 2, metric: 0 },
  { prefix: ip4('192.168.1.255'), len: 32, type: 'broadcast', dev: 3, metric: 0 },
  { prefix: ip4('10.0.0.0'), len: 24, type: 'unicast', dev: 2, metric: 0 },
  { prefix: ip4('192.168.1.0'), len: 24, type: 'unicast', dev: 3, metric: 0 },
  { prefix: ip4('192.0.2.0'), len: 24, type: 'blackhole', metric: 0 },
  { prefix: ip4('198.51.100.0'), len: 24, type: 'unreachable', metric: 0 },
  { prefix: ip4('203.0.113.128'), len: 25, type: 'prohibit', metric: 0 },
  { prefix: ip4('0.0.0.0'), len: 0, type: 'unicast', dev: 2, via: ip4('10.0.0.254'), metric: 100 },
];

const ROUTES6: readonly Route[] = [
  { prefix: ip6('::1'), len: 128, type: 'local', dev: 1, metric: 0 },
  { prefix: ip6('fd00::1'), len: 128, type: 'local', dev: 2, metric: 0 },
  { prefix: ip6('fd01::1'), len: 128, type: 'local', dev: 3, metric: 0 },
  { prefix: ip6('fd00::'), len: 64, type: 'unicast', dev: 2, metric: 256 },
  { prefix: ip6('fd01::'), len: 64, type: 'unicast', dev: 3, metric: 256 },
  { prefix: ip6('::'), len: 0, type: 'unicast', dev: 2, via: ip6('fe80::5054:ff:fe00:fe'), metric: 1024 },
];

/** Neighbour entries: "ifindex/address bytes" → MAC. */
const NEIGH = new Map<string, number[]>([
  ['2/' + ip4('10.0.0.2').join('.'), mac('52:54:00:00:00:02')],
  ['2/' + ip4('10.0.0.53').join('.'), mac('52:54:00:00:00:35')],
  ['2/' + ip4('10.0.0.254').join('.'), mac('52:54:00:00:00:fe')],
  ['3/' + ip4('192.168.1.10').join('.'), mac('52:54:00:01:00:10')],
  ['2/' + ip6('fd00::2').join('.'), mac('52:54:00:00:00:02')],
  ['3/' + ip6('fd01::10').join('.'), mac('52:54:00:01:00:10')],
  ['2/' + ip6('fe80::5054:ff:fe00:fe').join('.'), mac('52:54:00:00:00:fe')],
  ...Array.from({ length: 90 }, (_, k) => ['2/' + [10, 0, 0, 10 + k].join('.'), [0x52, 0x54, 0, 1, 0, 10 + k]] as [string, number[]]),
]);

function match(addr: number[], r: Route): boolean {
  let bits = r.len;
  for (let k = 0; bits > 0; k++, bits -= 8) {
    const m = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((addr[k] & m) !== (r.prefix[k] & m)) return false;
  }
  return true;
}

/** Longest-prefix match (local routes are in the same list: the local table is consulted first in Linux, and they are /32 or /128). */
export function fibRoute(addr: number[]): Route | undefined {
  const table = addr.length === 4 ? ROUTES4 : ROUTES6;
  let best: Route | undefined;
  for (const r of table) if (match(addr, r) && (!best || r.len > best.len)) best = r;
  return best;
}

/** The neighbour's MAC on `ifindex`, if the host has an entry. */
export function fibNeighbour(ifindex: number, addr: number[]): number[] | undefined {
  return NEIGH.get(`${ifindex}/${addr.join('.')}`);
}

export function fibHelpers(env: HelperEnv): Record<number, HelperFn> {
  void env;
  return {
    69: (vm: VmApi, _ctx, params, plen, flags) => {
      if (plen < BigInt(FIB_LOOKUP_SIZE)) return neg(EINVAL);
      const f = Number(flags & 0xffffffffn);
      if ((flags >> 32n) !== 0n || (f & ~(BPF_FIB_LOOKUP_DIRECT | BPF_FIB_LOOKUP_OUTPUT | BPF_FIB_LOOKUP_SKIP_NEIGH | BPF_FIB_LOOKUP_TBID | BPF_FIB_LOOKUP_SRC | BPF_FIB_LOOKUP_MARK)) !== 0) return neg(EINVAL);
      const p = vm.readBytes(params, FIB_LOOKUP_SIZE);
      const dv = new DataView(p.buffer, p.byteOffset, p.byteLength);
      const family = p[FIB.family];
      if (family !== AF_INET && family !== AF_INET6) return neg(EAFNOSUPPORT);
      const v4 = family === AF_INET;
      const dev = FIB_DEVS.find((d) => d.ifindex === dv.getUint32(FIB.ifindex, true));
      if (!dev) return neg(ENODEV);
      // forwarding must be on for the device, even with BPF_FIB_LOOKUP_OUTPUT (as 6.18 checks)
      if (!dev.forwarding) return BigInt(FIB_RET.FWD_DISABLED);
      const dst = [...p.subarray(FIB.dst, FIB.dst + (v4 ? 4 : 16))];
      const rt = fibRoute(dst);
      const write = (rc: number): bigint => {
        vm.writeBytes(params, p);
        return BigInt(rc);
      };
      if (!rt) return write(FIB_RET.UNREACHABLE);
      if (rt.type === 'blackhole') return write(FIB_RET.BLACKHOLE);
      if (rt.type === 'unreachable') return write(FIB_RET.UNREACHABLE);
      if (rt.type === 'prohibit') return write(FIB_RET.PROHIBIT);
      if (rt.type !== 'unicast' || (v4 ? dst[0] >= 224 : dst[0] === 0xff)) return write(FIB_RET.NOT_FWDED);
      const out = FIB_DEVS.find((d) => d.ifindex === rt.dev)!;
      dv.setUint32(FIB.tos, rt.metric, true); // rt_metric shares the tos / flowinfo slot
      if (f & BPF_FIB_LOOKUP_SRC) p.set(v4 ? out.v4 : out.v6, FIB.src);
      const totLen = dv.getUint16(FIB.tot_len, true);
      if (totLen > out.mtu) {
        dv.setUint16(FIB.tot_len, out.mtu, true); // mtu_result
        return write(FIB_RET.FRAG_NEEDED);
      }
      const nh = rt.via ?? dst;
      if (rt.via) p.set(rt.via, FIB.dst);
      dv.setUint32(FIB.ifindex, out.ifindex, true);
      if (f & BPF_FIB_LOOKUP_SKIP_NEIGH) {
        dv.setUint32(FIB.h_vlan_proto, 0, true);
        return write(FIB_RET.SUCCESS);
      }
      const n = fibNeighbour(out.ifindex, nh);
      if (!n) return write(FIB_RET.NO_NEIGH);
      p.set(out.mac, FIB.smac);
      p.set(n, FIB.dmac);
      dv.setUint32(FIB.h_vlan_proto, 0, true);
      return write(FIB_RET.SUCCESS);
    },
  };
}
