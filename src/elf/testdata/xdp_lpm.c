#include "common.h"
struct lpm_key { __u32 prefixlen; __u32 addr; };
struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 32);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct lpm_key);
	__type(value, __u32);
} routes SEC(".maps");

SEC("xdp")
int xdp_lpm(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	if ((void *)(ip + 1) > end)
		return XDP_PASS;
	struct lpm_key k = { .prefixlen = 32, .addr = ip->daddr };
	__u32 *action = bpf_map_lookup_elem(&routes, &k);
	return action ? *action : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
