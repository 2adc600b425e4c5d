#include "common.h"
struct ctxsum { __u64 sum; };

static long add_index(__u32 i, void *data)
{
	struct ctxsum *c = data;
	c->sum += i;
	return 0;
}

__u64 result;

SEC("xdp")
int xdp_loop(struct xdp_md *ctx)
{
	struct ctxsum c = { 0 };
	bpf_loop(10, add_index, &c, 0);
	result = c.sum;
	return c.sum == 45 ? XDP_PASS : XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
