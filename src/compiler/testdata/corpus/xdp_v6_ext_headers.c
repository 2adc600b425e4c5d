// IPv6 extension-header walk: bounded loop over hop-by-hop/routing/dest-options/fragment headers
// through a void ** cursor in an inlined helper, then UDP port and in6_addr union members.
// @type: xdp
// @packet: hex 02000000000202000000000186dd6000000000180040fe8000000000000000000000000001fe8000000000000000000000000002110000000000000030391389001000000000000000000000
// @packet: udp 5001
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ipv6.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_EXT 6
struct ipv6_opt_hdr_ { __u8 nexthdr; __u8 hdrlen; };
struct frag_hdr_ { __u8 nexthdr; __u8 reserved; __be16 frag_off; __be32 identification; };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 256);
} nh_count SEC(".maps");

static __always_inline int skip_ext(void **pos, void *data_end, __u8 *nexthdr)
{
	int i;
	for (i = 0; i < MAX_EXT; i++) {
		struct ipv6_opt_hdr_ *h = *pos;
		if ((void *)(h + 1) > data_end)
			return -1;
		switch (*nexthdr) {
		case IPPROTO_HOPOPTS:
		case IPPROTO_DSTOPTS:
		case IPPROTO_ROUTING:
			*nexthdr = h->nexthdr;
			*pos += (h->hdrlen + 1) * 8;
			break;
		case IPPROTO_FRAGMENT: {
			struct frag_hdr_ *f = *pos;
			if ((void *)(f + 1) > data_end)
				return -1;
			*nexthdr = f->nexthdr;
			*pos += sizeof(*f);
			break;
		}
		case IPPROTO_NONE:
			return -1;
		default:
			return i;
		}
	}
	return MAX_EXT;
}

SEC("xdp")
int xdp_v6(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct ipv6hdr *ip6;
	void *pos;
	__u8 nh;
	int n;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IPV6))
		return XDP_PASS;
	ip6 = (void *)(eth + 1);
	if ((void *)(ip6 + 1) > data_end)
		return XDP_DROP;
	if (ip6->version != 6)
		return XDP_DROP;
	nh = ip6->nexthdr;
	pos = ip6 + 1;
	n = skip_ext(&pos, data_end, &nh);
	if (n < 0)
		return XDP_DROP;
	__u32 k = nh;
	__u64 *c = bpf_map_lookup_elem(&nh_count, &k);
	if (c)
		*c += 1 + n * 100;
	if (nh == IPPROTO_UDP) {
		struct udphdr *u = pos;
		if ((void *)(u + 1) > data_end)
			return XDP_DROP;
		k = 200 + (bpf_ntohs(u->dest) & 0x3f);
		c = bpf_map_lookup_elem(&nh_count, &k);
		if (c)
			*c += ip6->hop_limit;
		if (ip6->daddr.in6_u.u6_addr8[15] == 2 && ip6->saddr.s6_addr16[0] == bpf_htons(0xfe80))
			return XDP_TX;
	}
	return XDP_PASS;
}
char _license[] SEC("license") = "GPL";
