// bpf_loop with a static callback: sum 0..limit-1 through a context struct on the stack.
// @type: xdp
// @packet: udp 53
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
struct loop_ctx { __u64 sum; __u32 limit; };
static long step(__u32 i, void *data)
{
	struct loop_ctx *c = data;
	if (i >= c->limit)
		return 1;
	c->sum += i;
	return 0;
}
SEC("xdp")
int sum_loop(struct xdp_md *ctx)
{
	struct loop_ctx c = { .sum = 0, .limit = 10 };
	bpf_loop(100, step, &c, 0);
	return c.sum == 45 ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
