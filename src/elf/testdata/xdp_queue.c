#include "common.h"
struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 8);
	__type(value, __u32);
} lens SEC(".maps");

SEC("xdp")
int xdp_queue(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;
	bpf_map_push_elem(&lens, &len, BPF_ANY);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
