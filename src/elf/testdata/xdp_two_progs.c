#include "common.h"
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} shared SEC(".maps");

SEC("xdp")
int xdp_first(struct xdp_md *ctx)
{
	__u32 k = 0, *v = bpf_map_lookup_elem(&shared, &k);
	if (v)
		*v = 11;
	return XDP_PASS;
}

SEC("xdp")
int xdp_second(struct xdp_md *ctx)
{
	__u32 k = 1, *v = bpf_map_lookup_elem(&shared, &k);
	if (v)
		*v = 22;
	return XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
