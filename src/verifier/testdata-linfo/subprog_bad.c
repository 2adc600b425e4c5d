#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* the complaint is inside a static subprogram */
static __attribute__((noinline)) int peek(unsigned char *p, int i)
{
	return p[i];
}

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;

	if ((void *)(p + 8) > end)
		return XDP_PASS;
	return peek(p, ctx->rx_queue_index) == 7 ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
