#include "common.h"
static __noinline int classify(__u32 len)
{
	if (len < 64)
		return XDP_DROP;
	return XDP_PASS;
}

SEC("xdp")
int xdp_subprog(struct xdp_md *ctx)
{
	return classify(ctx->data_end - ctx->data);
}
char LICENSE[] SEC("license") = "GPL";
