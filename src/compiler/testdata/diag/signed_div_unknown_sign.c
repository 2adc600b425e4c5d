// signed division where the dividend may be negative: the default CPU has no sdiv
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int f(struct xdp_md *ctx)
{
	int y = ctx->data_end - ctx->data;
	y /= 3;
	return y;
}
