#include "common.h"
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} bytes SEC(".maps");

SEC("xdp")
int xdp_percpu(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&bytes, &key);
	if (v)
		*v += ctx->data_end - ctx->data;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
