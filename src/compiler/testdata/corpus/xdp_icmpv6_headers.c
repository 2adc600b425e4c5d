// IPv6 + ICMPv6 with the UAPI headers xdp-tutorial includes (in6.h, icmpv6.h, if_packet.h,
// errno.h, version.h, limits.h, asm/types.h): drop echo requests with an even sequence number.
// @type: xdp
// @packet: hex 02000000000202000000000186dd6000000000103a40000000000000000000000000000000010000000000000000000000000000000280000000123400026162636465666768
// @packet: udp 53
#include <linux/bpf.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/ipv6.h>
#include <linux/icmpv6.h>
#include <linux/errno.h>
#include <linux/version.h>
#include <linux/limits.h>

#include <asm/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 4);
} v6 SEC(".maps");

SEC("xdp")
int xdp_icmp6(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > data_end) return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IPV6)) return XDP_PASS;
	struct ipv6hdr *ip6 = (void *)(eth + 1);
	if ((void *)(ip6 + 1) > data_end) return XDP_PASS;
	__u32 k = 0;
	__u64 *c = bpf_map_lookup_elem(&v6, &k);
	if (c) *c += ip6->daddr.s6_addr32[3] + 10 + PACKET_OTHERHOST + EPERM + (LINUX_VERSION_CODE >= KERNEL_VERSION(5, 8, 0)) + (PATH_MAX >> 12);
	if (ip6->nexthdr != IPPROTO_ICMPV6) return XDP_PASS;
	struct icmp6hdr *icmp6 = (void *)(ip6 + 1);
	if ((void *)(icmp6 + 1) > data_end) return XDP_PASS;
	if (icmp6->icmp6_type == ICMPV6_ECHO_REQUEST && bpf_ntohs(icmp6->icmp6_sequence) % 2 == 0)
		return XDP_DROP;
	return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
