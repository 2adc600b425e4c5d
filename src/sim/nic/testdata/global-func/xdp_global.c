#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* global: the caller learns only "some int" */
__noinline int pick(struct xdp_md *ctx)
{
	return ctx->ingress_ifindex ? 2 : 1;
}

SEC("xdp")
int use_pick(struct xdp_md *ctx)
{
	volatile char buf[4] = { 1, 2, 3, 4 };
	unsigned int i = pick(ctx);
	return buf[i];
}

char LICENSE[] SEC("license") = "GPL";
