#include "common.h"
SEC("xdp")
int xdp_printk(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;
	bpf_printk("packet of %u bytes", len);
	bpf_printk("second line %d", 42);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
