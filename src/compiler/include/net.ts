/**
 * Bundled headers, part 2: packet header layouts (`linux/if_ether.h`, `linux/ip.h`,
 * `linux/ipv6.h`, `linux/udp.h`, `linux/tcp.h`, `linux/icmp.h`).
 *
 * Our own text. Field orders, widths and constants are wire-format facts (IEEE 802.3,
 * RFC 791/8200/768/9293/792) as the Linux UAPI lays them out for a little-endian machine
 * (bit-fields listed low bits first).
 */

export const LINUX_IF_ETHER_H = `#pragma once
#include <linux/types.h>
#define ETH_ALEN 6
#define ETH_TLEN 2
#define ETH_HLEN 14
#define ETH_ZLEN 60
#define ETH_DATA_LEN 1500
#define ETH_FRAME_LEN 1514
#define ETH_P_LOOP 0x0060
#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ETH_P_8021Q 0x8100
#define ETH_P_IPV6 0x86DD
#define ETH_P_MPLS_UC 0x8847
#define ETH_P_8021AD 0x88A8
#define ETH_P_ALL 0x0003
struct ethhdr {
  unsigned char h_dest[ETH_ALEN];
  unsigned char h_source[ETH_ALEN];
  __be16 h_proto;
} __attribute__((packed));
`;

export const LINUX_IP_H = `#pragma once
#include <linux/types.h>
#define IPTOS_TOS_MASK 0x1E
#define IP_CE 0x8000
#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFSET 0x1FFF
struct iphdr {
  __u8 ihl:4, version:4;
  __u8 tos;
  __be16 tot_len;
  __be16 id;
  __be16 frag_off;
  __u8 ttl;
  __u8 protocol;
  __sum16 check;
  union {
    struct { __be32 saddr; __be32 daddr; };
    struct { __be32 saddr; __be32 daddr; } addrs;
  };
};
`;

export const LINUX_IPV6_H = `#pragma once
#include <linux/types.h>
#include <linux/in6.h>
struct ipv6hdr {
  __u8 priority:4, version:4;
  __u8 flow_lbl[3];
  __be16 payload_len;
  __u8 nexthdr;
  __u8 hop_limit;
  union {
    struct { struct in6_addr saddr; struct in6_addr daddr; };
    struct { struct in6_addr saddr; struct in6_addr daddr; } addrs;
  };
};
`;

export const LINUX_UDP_H = `#pragma once
#include <linux/types.h>
struct udphdr {
  __be16 source;
  __be16 dest;
  __be16 len;
  __sum16 check;
};
`;

export const LINUX_TCP_H = `#pragma once
#include <linux/types.h>
struct tcphdr {
  __be16 source;
  __be16 dest;
  __be32 seq;
  __be32 ack_seq;
  __u16 res1:4, doff:4, fin:1, syn:1, rst:1, psh:1, ack:1, urg:1, ece:1, cwr:1;
  __be16 window;
  __sum16 check;
  __be16 urg_ptr;
};
`;

export const LINUX_ICMP_H = `#pragma once
#include <linux/types.h>
#define ICMP_ECHOREPLY 0
#define ICMP_DEST_UNREACH 3
#define ICMP_SOURCE_QUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_TIME_EXCEEDED 11
#define ICMP_PARAMETERPROB 12
#define ICMP_TIMESTAMP 13
#define ICMP_TIMESTAMPREPLY 14
struct icmphdr {
  __u8 type;
  __u8 code;
  __sum16 checksum;
  union {
    struct { __be16 id; __be16 sequence; } echo;
    __be32 gateway;
    struct { __be16 __unused; __be16 mtu; } frag;
    __u8 reserved[4];
  } un;
};
`;
