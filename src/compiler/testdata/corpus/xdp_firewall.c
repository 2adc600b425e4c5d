// A 200-line XDP firewall (also the compile-time benchmark's program, testdata/bench). Parses
// Ethernet, VLAN, IPv4, IPv6, TCP, UDP and ICMP; rules in an LPM trie, counters, rate limits.
// @type: xdp
// @packet: udp 53
// @packet: tcp 80
// @packet: icmp
// @packet: hex 00112233445566778899aabb86dd0000
// @packet: hex 00112233445566778899aabb0806
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define MAX_RULES 256
#define RATE_WINDOW_NS 1000000000ULL

struct vlan_hdr {
	__be16 tci;
	__be16 proto;
};

struct icmp_hdr {
	__u8 type;
	__u8 code;
	__sum16 checksum;
};

struct flow {
	__u32 saddr;
	__u32 daddr;
	__u16 sport;
	__u16 dport;
	__u8 proto;
	__u8 pad[3];
};

struct lpm_key {
	__u32 prefixlen;
	__u32 addr;
};

struct rule {
	__u32 action;
	__u32 max_pps;
	__u16 port_lo;
	__u16 port_hi;
	__u8 proto;
	__u8 pad[3];
};

struct rate {
	__u64 window_start;
	__u64 packets;
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct lpm_key);
	__type(value, struct rule);
	__uint(max_entries, MAX_RULES);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} rules SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct flow);
	__type(value, struct rate);
	__uint(max_entries, 65536);
} rates SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 8);
} verdicts SEC(".maps");

enum { V_PASS, V_DROP, V_RATE, V_MALFORMED, V_IPV6, V_NONIP, V_ICMP, V_NOMATCH };

static __always_inline void count(__u32 what)
{
	__u64 *n = bpf_map_lookup_elem(&verdicts, &what);

	if (n)
		*n += 1;
}

static __always_inline int parse_vlan(void **cursor, void *end, __u16 *proto)
{
	for (int i = 0; i < 2; i++) {
		struct vlan_hdr *v = *cursor;

		if (*proto != bpf_htons(ETH_P_8021Q) && *proto != bpf_htons(ETH_P_8021AD))
			break;
		if ((void *)(v + 1) > end)
			return -1;
		*proto = v->proto;
		*cursor = v + 1;
	}
	return 0;
}

static __always_inline int parse_l4(void *l4, void *end, struct flow *f)
{
	if (f->proto == IPPROTO_TCP) {
		struct tcphdr *th = l4;

		if ((void *)(th + 1) > end)
			return -1;
		f->sport = bpf_ntohs(th->source);
		f->dport = bpf_ntohs(th->dest);
		if (th->syn && th->fin)
			return -1;
	} else if (f->proto == IPPROTO_UDP) {
		struct udphdr *uh = l4;

		if ((void *)(uh + 1) > end)
			return -1;
		f->sport = bpf_ntohs(uh->source);
		f->dport = bpf_ntohs(uh->dest);
	} else if (f->proto == IPPROTO_ICMP) {
		struct icmp_hdr *ih = l4;

		if ((void *)(ih + 1) > end)
			return -1;
		f->sport = ih->type;
		f->dport = ih->code;
	}
	return 0;
}

static __always_inline int over_rate(struct flow *f, __u32 max_pps)
{
	__u64 now = bpf_ktime_get_ns();
	struct rate *r, fresh = { .window_start = now, .packets = 1 };

	if (!max_pps)
		return 0;
	r = bpf_map_lookup_elem(&rates, f);
	if (!r) {
		bpf_map_update_elem(&rates, f, &fresh, BPF_ANY);
		return 0;
	}
	if (now - r->window_start > RATE_WINDOW_NS) {
		r->window_start = now;
		r->packets = 1;
		return 0;
	}
	r->packets++;
	return r->packets > max_pps;
}

SEC("xdp")
int firewall(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	void *cursor = eth + 1;
	struct flow f = {};
	struct lpm_key key;
	struct rule *rule;
	struct iphdr *ip;
	__u16 proto;

	if (cursor > end) {
		count(V_MALFORMED);
		return XDP_DROP;
	}
	proto = eth->h_proto;
	if (parse_vlan(&cursor, end, &proto) < 0) {
		count(V_MALFORMED);
		return XDP_DROP;
	}
	if (proto == bpf_htons(ETH_P_IPV6)) {
		count(V_IPV6);
		return XDP_PASS;
	}
	if (proto != bpf_htons(ETH_P_IP)) {
		count(V_NONIP);
		return XDP_PASS;
	}
	ip = cursor;
	if ((void *)(ip + 1) > end || ip->ihl < 5) {
		count(V_MALFORMED);
		return XDP_DROP;
	}
	f.saddr = ip->saddr;
	f.daddr = ip->daddr;
	f.proto = ip->protocol;
	if (parse_l4((void *)ip + ip->ihl * 4, end, &f) < 0) {
		count(V_MALFORMED);
		return XDP_DROP;
	}
	if (f.proto == IPPROTO_ICMP)
		count(V_ICMP);
	key.prefixlen = 32;
	key.addr = f.saddr;
	rule = bpf_map_lookup_elem(&rules, &key);
	if (!rule) {
		count(V_NOMATCH);
		return XDP_PASS;
	}
	if (rule->proto && rule->proto != f.proto)
		return XDP_PASS;
	if (rule->port_hi && (f.dport < rule->port_lo || f.dport > rule->port_hi))
		return XDP_PASS;
	if (over_rate(&f, rule->max_pps)) {
		count(V_RATE);
		return XDP_DROP;
	}
	count(rule->action == XDP_DROP ? V_DROP : V_PASS);
	return rule->action == XDP_DROP ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
