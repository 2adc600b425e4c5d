#include "common.h"
struct flow { __u32 saddr, daddr; };
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16);
	__type(key, struct flow);
	__type(value, __u64);
} flows SEC(".maps");

SEC("xdp")
int xdp_lru(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	if ((void *)(ip + 1) > end)
		return XDP_ABORTED;
	struct flow f = { .saddr = ip->saddr, .daddr = ip->daddr };
	__u64 init = 1, *v = bpf_map_lookup_elem(&flows, &f);
	if (v)
		(*v)++;
	else
		bpf_map_update_elem(&flows, &f, &init, BPF_ANY);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
