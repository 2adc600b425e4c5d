// xdp-tutorial/samples xdp_router_ipv4 style: struct bpf_fib_lookup filled from the IPv4 header,
// bpf_fib_lookup, BPF_FIB_LKUP_RET_* switch, TTL decrement with incremental checksum, MAC rewrite
// and bpf_redirect.
// @type: xdp
// @packet: udp 5001
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define AF_INET 2
#ifndef memcpy
#define memcpy(dest, src, n) __builtin_memcpy((dest), (src), (n))
#endif

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 16);
} fib_ret SEC(".maps");

static __always_inline int ip_decrease_ttl(struct iphdr *iph)
{
	__u32 check = iph->check;
	check += bpf_htons(0x0100);
	iph->check = (__u16)(check + (check >= 0xFFFF));
	return --iph->ttl;
}

SEC("xdp")
int xdp_router_func(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct bpf_fib_lookup fib_params = {};
	struct ethhdr *eth = data;
	struct iphdr *iph;
	__u16 h_proto;
	__u64 nh_off;
	int rc;
	int action = XDP_PASS;

	nh_off = sizeof(*eth);
	if (data + nh_off > data_end) {
		action = XDP_DROP;
		goto out;
	}
	h_proto = eth->h_proto;
	if (h_proto == bpf_htons(ETH_P_IP)) {
		iph = data + nh_off;
		if (iph + 1 > data_end) {
			action = XDP_DROP;
			goto out;
		}
		if (iph->ttl <= 1)
			goto out;
		fib_params.family = AF_INET;
		fib_params.tos = iph->tos;
		fib_params.l4_protocol = iph->protocol;
		fib_params.sport = 0;
		fib_params.dport = 0;
		fib_params.tot_len = bpf_ntohs(iph->tot_len);
		fib_params.ipv4_src = iph->saddr;
		fib_params.ipv4_dst = iph->daddr;
	} else {
		goto out;
	}
	fib_params.ifindex = ctx->ingress_ifindex;
	rc = bpf_fib_lookup(ctx, &fib_params, sizeof(fib_params), 0);
	{
		__u32 k = rc & 15;
		__u64 *c = bpf_map_lookup_elem(&fib_ret, &k);
		if (c)
			*c += 1;
	}
	switch (rc) {
	case BPF_FIB_LKUP_RET_SUCCESS:
		ip_decrease_ttl(iph);
		memcpy(eth->h_dest, fib_params.dmac, ETH_ALEN);
		memcpy(eth->h_source, fib_params.smac, ETH_ALEN);
		action = bpf_redirect(fib_params.ifindex, 0);
		break;
	case BPF_FIB_LKUP_RET_BLACKHOLE:
	case BPF_FIB_LKUP_RET_UNREACHABLE:
	case BPF_FIB_LKUP_RET_PROHIBIT:
		action = XDP_DROP;
		break;
	case BPF_FIB_LKUP_RET_NOT_FWDED:
	case BPF_FIB_LKUP_RET_FWD_DISABLED:
	case BPF_FIB_LKUP_RET_UNSUPP_LWT:
	case BPF_FIB_LKUP_RET_NO_NEIGH:
	case BPF_FIB_LKUP_RET_FRAG_NEEDED:
		break;
	}
out:
	return action;
}
char _license[] SEC("license") = "GPL";
