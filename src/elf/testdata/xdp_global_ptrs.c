#include "common.h"
/* A global function the kernel verifies on its own: a context pointer and a sized memory pointer. */
__noinline int packet_len(struct xdp_md *ctx, __u64 *out)
{
	*out = ctx->data_end - ctx->data;
	return *out > 40;
}

SEC("xdp")
int xdp_global_ptrs(struct xdp_md *ctx)
{
	__u64 len = 0;
	if (!packet_len(ctx, &len))
		return XDP_DROP;
	return len > 64 ? XDP_PASS : XDP_TX;
}
char LICENSE[] SEC("license") = "GPL";
