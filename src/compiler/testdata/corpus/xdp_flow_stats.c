// Per-source statistics in a hash map with a struct value; new flows inserted with BPF_NOEXIST.
// @type: xdp
// @packet: udp 53
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct flow_key {
	__u32 saddr;
	__u32 daddr;
	__u8 proto;
};

struct flow_stats {
	__u64 packets;
	__u64 bytes;
	__u32 last_len;
	__u16 min_ttl;
	__u16 reserved;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct flow_key);
	__type(value, struct flow_stats);
	__uint(max_entries, 1024);
	__uint(map_flags, BPF_F_NO_PREALLOC);
} flows SEC(".maps");

SEC("xdp")
int flow_stats(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;

	struct flow_key key = {};
	key.saddr = ip->saddr;
	key.daddr = ip->daddr;
	key.proto = ip->protocol;
	__u32 len = data_end - data;

	struct flow_stats *st = bpf_map_lookup_elem(&flows, &key);
	if (st) {
		st->packets++;
		st->bytes += len;
		st->last_len = len;
		if (ip->ttl < st->min_ttl)
			st->min_ttl = ip->ttl;
	} else {
		struct flow_stats init = { .packets = 1, .bytes = len, .last_len = len, .min_ttl = ip->ttl };
		bpf_map_update_elem(&flows, &key, &init, BPF_NOEXIST);
	}
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
