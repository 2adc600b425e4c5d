/**
 * The packet description the builder takes: one record per layer, every field optional where a
 * sensible default exists (the defaults are written beside each field). A frame is described from
 * the outside in — `{eth, vlan, ipv4 | ipv6 | arp, udp | tcp | icmp | icmpv6, payload}` — and
 * `buildPacket` (build.ts) fills in lengths, protocol numbers and checksums.
 *
 * Fields that a real stack computes (lengths, checksums, next-header numbers) can be overridden to
 * build deliberately broken packets for lessons and tests (a bad IPv4 checksum, a UDP length that
 * lies).
 *
 * Deliberately not here: protocols above L4 (DNS, HTTP and the iperf header are payload bytes that
 * the traffic scenarios compose). Provenance: header layouts from IEEE 802.1Q, RFC 826, RFC 791,
 * RFC 8200, RFC 792, RFC 4443, RFC 768, RFC 9293 and RFC 7323; our own code.
 */

/** A MAC, IPv4 or IPv6 address, as text or as its bytes. */
export type Addr = string | Uint8Array;

export interface EthSpec {
  /** Destination MAC (default 02:00:00:00:00:01). */
  dst?: Addr;
  /** Source MAC (default 02:00:00:00:00:02). */
  src?: Addr;
  /** EtherType after the VLAN tags (default: from the L3 layer; required when there is none). */
  type?: number;
  /** Pad the frame with zero bytes to at least this length (60 = Ethernet minimum without FCS). */
  padTo?: number;
}

export interface VlanSpec {
  /** VLAN id, 0..4095. */
  vid: number;
  /** Priority code point, 0..7 (default 0). */
  pcp?: number;
  /** Drop eligible indicator (default false). */
  dei?: boolean;
  /** Tag protocol id of this tag (default 0x8100; 0x88a8 for an 802.1ad outer tag). */
  tpid?: number;
}

export interface ArpSpec {
  /** 1 = request, 2 = reply. */
  op: 'request' | 'reply' | number;
  /** Sender MAC / IPv4, target MAC / IPv4 (target MAC default 00:00:00:00:00:00). */
  sha: Addr;
  spa: Addr;
  tha?: Addr;
  tpa: Addr;
}

/** An IPv4 option (RFC 791 §3.1). Named forms are encoded for you; `{type, data}` is raw TLV. */
export type Ipv4Option =
  | { type: 'eol' }
  | { type: 'nop' }
  /** Router Alert (RFC 2113): type 148, length 4, value 0. */
  | { type: 'ra' }
  /** Record Route: type 7 with room for `slots` addresses, `addrs` already recorded. */
  | { type: 'rr'; slots: number; addrs?: Addr[] }
  /** Any option as type byte + data (length byte = 2 + data.length). */
  | { type: number; data?: Uint8Array };

export interface Ipv4Spec {
  src: Addr;
  dst: Addr;
  /** Time to live (default 64). */
  ttl?: number;
  /** Identification (default 0). */
  id?: number;
  /** DSCP (6 bits) and ECN (2 bits) as the whole TOS byte (default 0). */
  tos?: number;
  /** Don't-fragment / more-fragments flags (default false). */
  df?: boolean;
  mf?: boolean;
  /** Fragment offset in 8-byte units (default 0). */
  fragOffset?: number;
  /** Protocol (default: from the L4 layer; required when there is none). */
  proto?: number;
  options?: Ipv4Option[];
  /** Override the header checksum (default: computed). */
  checksum?: number;
  /** Override the total length (default: computed). */
  totalLength?: number;
}

/** An option inside a Hop-by-Hop or Destination Options header (RFC 8200 §4.2). */
export type Ipv6Option =
  /** Router Alert (RFC 2711): option type 5, value `value` (default 0 = MLD). */
  | { type: 'ra'; value?: number }
  | { type: number; data?: Uint8Array };

/** An IPv6 extension header, in the order it appears on the wire. */
export type Ipv6Ext =
  | { type: 'hop-by-hop'; options?: Ipv6Option[] }
  | { type: 'dest-opts'; options?: Ipv6Option[] }
  /**
   * Routing header. `routingType` 2 (RFC 6275, one address) or 4 (segment routing, RFC 8754) or
   * 0 (deprecated, still parseable). For the L4 pseudo-header the final destination is
   * `addresses[0]` for type 4 and the last address otherwise, when `segmentsLeft` > 0.
   */
  | { type: 'routing'; routingType?: number; segmentsLeft?: number; addresses: Addr[] }
  /** Fragment header: offset in 8-byte units, more-fragments flag, identification. */
  | { type: 'fragment'; offset?: number; more?: boolean; id?: number };

export interface Ipv6Spec {
  src: Addr;
  dst: Addr;
  /** Hop limit (default 64). */
  hopLimit?: number;
  /** Traffic class (default 0). */
  trafficClass?: number;
  /** Flow label, 20 bits (default 0). */
  flowLabel?: number;
  ext?: Ipv6Ext[];
  /** Next header after the last extension header (default: from the L4 layer). */
  nextHeader?: number;
  /** Override the payload length (default: computed). */
  payloadLength?: number;
}

export interface IcmpSpec {
  /** 8 echo request, 0 echo reply, 3 destination unreachable, 11 time exceeded, … */
  type: number;
  code?: number;
  /** Echo identifier and sequence (types 0 and 8; also used for 13/14/15/16). */
  id?: number;
  seq?: number;
  /** The 4 "rest of header" bytes for other types (default 0; ignored when id/seq are given). */
  rest?: number;
  checksum?: number;
}

export interface Icmpv6Spec {
  /** 128 echo request, 129 echo reply, 133 RS, 134 RA, 135 NS, 136 NA, 1 unreachable, … */
  type: number;
  code?: number;
  /** Echo id/seq (128/129). */
  id?: number;
  seq?: number;
  /** Neighbor solicitation/advertisement target address (135/136). */
  target?: Addr;
  /** NA flags byte R|S|O in the top bits (136; default 0x60 = solicited|override). */
  naFlags?: number;
  /** Source (NS, RS) or target (NA) link-layer address option. */
  lladdr?: Addr;
  /** The 4 bytes after the checksum for other types (default 0). */
  rest?: number;
  checksum?: number;
}

export interface UdpSpec {
  sport: number;
  dport: number;
  /** Override the checksum (0 over IPv4 means "no checksum"). */
  checksum?: number;
  /** Override the length field. */
  length?: number;
}

/** A TCP option (RFC 9293 §3.2, RFC 7323, RFC 2018). */
export type TcpOption =
  | { kind: 'eol' }
  | { kind: 'nop' }
  | { kind: 'mss'; value: number }
  | { kind: 'wscale'; shift: number }
  | { kind: 'sackOK' }
  | { kind: 'sack'; blocks: Array<[number, number]> }
  | { kind: 'ts'; val: number; ecr: number }
  | { kind: number; data?: Uint8Array };

export interface TcpSpec {
  sport: number;
  dport: number;
  seq?: number;
  ack?: number;
  /**
   * Flags as letters (`S` SYN, `A` or `.` ACK, `F` FIN, `R` RST, `P` PSH, `U` URG, `E` ECE,
   * `C` or `W` CWR), e.g. `'SA'`, or as the flag byte (default `'A'` when ack is set, else none).
   */
  flags?: string | number;
  /** Receive window (default 64240). */
  window?: number;
  urgent?: number;
  options?: TcpOption[];
  checksum?: number;
}

export interface PacketSpec {
  eth?: EthSpec;
  /** One tag, or several for QinQ (outermost first). */
  vlan?: VlanSpec | VlanSpec[];
  arp?: ArpSpec;
  ipv4?: Ipv4Spec;
  ipv6?: Ipv6Spec;
  icmp?: IcmpSpec;
  icmpv6?: Icmpv6Spec;
  udp?: UdpSpec;
  tcp?: TcpSpec;
  /** Bytes after the last header: raw bytes, or a string sent as UTF-8. */
  payload?: Uint8Array | string;
}

/** The Linux SYN option layout: mss, sackOK, TS val/ecr, nop, wscale (20 bytes). */
export function linuxSynOptions(tsval: number, tsecr = 0, mss = 1460, wscale = 7): TcpOption[] {
  return [
    { kind: 'mss', value: mss },
    { kind: 'sackOK' },
    { kind: 'ts', val: tsval, ecr: tsecr },
    { kind: 'nop' },
    { kind: 'wscale', shift: wscale },
  ];
}

/** EtherTypes and IP protocol numbers used across the NIC. */
export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;
export const ETH_P_8021Q = 0x8100;
export const ETH_P_8021AD = 0x88a8;
export const ETH_P_IPV6 = 0x86dd;
export const IPPROTO_HOPOPTS = 0;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_ROUTING = 43;
export const IPPROTO_FRAGMENT = 44;
export const IPPROTO_ICMPV6 = 58;
export const IPPROTO_NONE = 59;
export const IPPROTO_DSTOPTS = 60;

/** TCP flag bits (RFC 9293 + RFC 3168). */
export const TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08;
export const TCP_ACK = 0x10, TCP_URG = 0x20, TCP_ECE = 0x40, TCP_CWR = 0x80;
