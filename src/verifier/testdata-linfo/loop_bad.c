#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* a loop reading one byte too many: rejected in its last iteration */
SEC("xdp")
int prog(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u32 sum = 0;

	if ((void *)(p + 3) > end)
		return XDP_PASS;
	for (int i = 0; i < 4; i++)
		sum += p[i];
	return sum == 5 ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
