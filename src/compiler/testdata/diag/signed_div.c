#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	int a = ctx->data_end - ctx->data;
	return a / 3;
}
