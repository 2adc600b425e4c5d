#include "common.h"
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u8);
	__type(value, __u32);
} by_proto SEC(".maps");

SEC("xdp")
int xdp_hash_proto(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end)
		return XDP_PASS;
	__u8 proto = ip->protocol;
	__u32 one = 1, *v = bpf_map_lookup_elem(&by_proto, &proto);
	if (v)
		*v += 1;
	else
		bpf_map_update_elem(&by_proto, &proto, &one, BPF_NOEXIST);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
