// C features: static const array of structs, unrolled loop calling an inline matcher, volatile
// local, nested anonymous struct/union members, bit-fields, __builtin_memcpy of a string literal,
// __builtin_expect, global scalar and array in .bss.
// @type: xdp
// @packet: udp 5001
// @packet: udp 53
// @packet: tcp 80
// @packet: icmp
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

struct rule { __u8 proto; __u8 action; __u16 port; };
static const struct rule rules[] = {
	{ IPPROTO_UDP, XDP_DROP, 53 },
	{ IPPROTO_TCP, XDP_TX, 80 },
	{ IPPROTO_UDP, XDP_PASS, 5001 },
	{ IPPROTO_ICMP, XDP_ABORTED, 0 },
};

struct rec {
	struct {
		__u32 hits;
		__u32 misses;
	} st;
	union {
		__u64 raw;
		struct { __u32 lo, hi; };
	};
	char tag[8];
	__u8 flags : 3, kind : 5;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct rec);
	__uint(max_entries, 8);
} recs SEC(".maps");

__u64 global_total = 0;
__u32 hist[4] = {};

static __always_inline int match(const struct rule *r, __u8 proto, __u16 port)
{
	return r->proto == proto && (r->port == 0 || r->port == port);
}

SEC("xdp")
int xdp_misc(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	volatile __u32 vcount = 0;
	struct iphdr *ip;
	__u16 port = 0;
	int i, act = XDP_PASS;
	__u32 idx = 7;

	if (unlikely((void *)(eth + 1) > data_end))
		return XDP_DROP;
	global_total += 1;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		goto out;
	ip = (struct iphdr *)((char *)data + sizeof(*eth));
	if ((void *)&ip[1] > data_end)
		goto out;
	if (ip->protocol == IPPROTO_UDP || ip->protocol == IPPROTO_TCP) {
		__u16 *pp = (__u16 *)((__u8 *)ip + (ip->ihl << 2));
		if ((void *)(pp + 2) > data_end)
			goto out;
		port = bpf_ntohs(*(pp + 1));
	}
#pragma unroll
	for (i = 0; i < ARRAY_SIZE(rules); i++) {
		vcount++;
		if (match(&rules[i], ip->protocol, port)) {
			act = rules[i].action;
			idx = i;
			break;
		}
	}
out:;
	struct rec *r = bpf_map_lookup_elem(&recs, &idx);
	if (!r)
		return XDP_ABORTED;
	if (idx < ARRAY_SIZE(rules)) r->st.hits++; else r->st.misses++;
	r->lo += vcount;
	r->hi = min(r->hi + 2, 5u);
	__builtin_memcpy(r->tag, "matched", 8);
	r->flags = act;
	r->kind = idx + 3;
	hist[idx & 3]++;
	return act;
}
char _license[] SEC("license") = "GPL";
