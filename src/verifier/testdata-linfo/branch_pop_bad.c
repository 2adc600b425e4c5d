#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* the bad read is on the second path the verifier walks: the log shows both paths' lines */
SEC("xdp")
int prog(struct xdp_md *ctx)
{
	unsigned char *p = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	int r = XDP_PASS;

	if ((void *)(p + 4) > end)
		return XDP_ABORTED;
	if (p[0] == 1)
		r = p[1];
	else
		r = p[9];
	return r;
}
char LICENSE[] SEC("license") = "GPL";
