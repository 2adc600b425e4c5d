#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* checks 14 bytes but reads byte 20: rejected */
SEC("xdp")
int prog(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;

	if ((void *)(p + 14) > end)
		return XDP_PASS;
	if (p[12] == 8)
		return p[20] == 6 ? XDP_DROP : XDP_PASS;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
