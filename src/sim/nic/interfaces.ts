/**
 * The simulated host's network interfaces and the neighbours its traffic comes from.
 *
 *   ifindex  name  MAC                 IPv4            IPv6                               RX queues
 *   1        lo    00:00:00:00:00:00   127.0.0.1/8     ::1/128                            1
 *   2        eth0  52:54:00:12:34:56   10.0.0.1/24     fd00::1/64, fe80::5054:ff:fe12:3456  4
 *   3        eth1  52:54:00:12:34:57   192.168.1.1/24  fd01::1/64, fe80::5054:ff:fe12:3457  2
 *
 * eth0's LAN has the iperf client 10.0.0.2, a resolver 10.0.0.53 and the gateway 10.0.0.254
 * (52:54:00:00:00:fe) behind which the Internet's hosts sit. MACs use QEMU's 52:54:00 prefix and
 * addresses come from private / documentation ranges (RFC 1918, RFC 4193, RFC 5737), as a VM's
 * would. ifindex numbering follows Linux (lo is always 1).
 *
 * `rssQueue` picks an RX queue from a flow's 5-tuple, as receive-side scaling does, so one flow
 * always lands on one queue. It is a deterministic hash (FNV-1a), not the Toeplitz hash real NICs
 * use. Deliberately not here: routing, neighbour tables, link state (src/kernel's host owns them).
 * Provenance: our own choice of addresses; Linux ifindex convention.
 */
import { parseIPv4, parseIPv6, parseMac } from './addr.ts';

export interface NetIf {
  name: string;
  ifindex: number;
  mac: string;
  ipv4: string;
  prefix4: number;
  /** Global (or loopback) IPv6 address, then the link-local one when there is one. */
  ipv6: string[];
  mtu: number;
  rxQueues: number;
}

export const INTERFACES: readonly NetIf[] = [
  { name: 'lo', ifindex: 1, mac: '00:00:00:00:00:00', ipv4: '127.0.0.1', prefix4: 8, ipv6: ['::1'], mtu: 65536, rxQueues: 1 },
  { name: 'eth0', ifindex: 2, mac: '52:54:00:12:34:56', ipv4: '10.0.0.1', prefix4: 24, ipv6: ['fd00::1', 'fe80::5054:ff:fe12:3456'], mtu: 1500, rxQueues: 4 },
  { name: 'eth1', ifindex: 3, mac: '52:54:00:12:34:57', ipv4: '192.168.1.1', prefix4: 24, ipv6: ['fd01::1', 'fe80::5054:ff:fe12:3457'], mtu: 1500, rxQueues: 2 },
];

export const IFINDEX_LO = 1;
export const IFINDEX_ETH0 = 2;
export const IFINDEX_ETH1 = 3;

/** Neighbours on eth0 / eth1 that traffic comes from. */
export const NEIGHBOURS = {
  iperfClient: { mac: '52:54:00:00:00:02', ipv4: '10.0.0.2', ipv6: 'fd00::2' },
  resolver: { mac: '52:54:00:00:00:35', ipv4: '10.0.0.53', ipv6: 'fd00::53' },
  gateway: { mac: '52:54:00:00:00:fe', ipv4: '10.0.0.254', ipv6: 'fe80::5054:ff:fe00:fe' },
  lanHost: { mac: '52:54:00:01:00:10', ipv4: '192.168.1.10', ipv6: 'fd01::10' },
} as const;

export function interfaceByName(name: string): NetIf | undefined {
  return INTERFACES.find((i) => i.name === name);
}

export function interfaceByIndex(ifindex: number): NetIf | undefined {
  return INTERFACES.find((i) => i.ifindex === ifindex);
}

/** Parsed bytes of an interface's addresses (for building packets quickly). */
export function ifBytes(i: NetIf): { mac: Uint8Array; ipv4: Uint8Array; ipv6: Uint8Array } {
  return { mac: parseMac(i.mac)!, ipv4: parseIPv4(i.ipv4)!, ipv6: parseIPv6(i.ipv6[0])! };
}

/**
 * RX queue for a flow: FNV-1a over source/destination address bytes, protocol and ports, modulo
 * the queue count. Symmetric flows are not folded together (as with a default RSS key).
 */
export function rssQueue(nqueues: number, src: Uint8Array, dst: Uint8Array, proto: number, sport: number, dport: number): number {
  if (nqueues <= 1) return 0;
  // FNV-1a, one byte at a time (written out: no per-call closure on this per-packet path)
  let h = 0x811c9dc5;
  for (let k = 0; k < src.length; k++) h = Math.imul(h ^ src[k], 0x01000193) >>> 0;
  for (let k = 0; k < dst.length; k++) h = Math.imul(h ^ dst[k], 0x01000193) >>> 0;
  h = Math.imul(h ^ (proto & 0xff), 0x01000193) >>> 0;
  h = Math.imul(h ^ ((sport >> 8) & 0xff), 0x01000193) >>> 0;
  h = Math.imul(h ^ (sport & 0xff), 0x01000193) >>> 0;
  h = Math.imul(h ^ ((dport >> 8) & 0xff), 0x01000193) >>> 0;
  h = Math.imul(h ^ (dport & 0xff), 0x01000193) >>> 0;
  return (h >>> 0) % nqueues;
}
