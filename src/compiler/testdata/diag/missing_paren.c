#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	if (ctx->data > 0 {
		return 1;
	}
	return 2;
}
