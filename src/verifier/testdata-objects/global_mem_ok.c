/* A global function with a pointer parameter: verified on its own with mem_or_null(sz=8), so it
 * checks for NULL before writing; the caller's stack slot it was given becomes unknown bytes. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
__noinline int store_len(struct xdp_md *ctx, __u64 *out)
{
	if (!out)
		return -1;
	*out = ctx->data_end - ctx->data;
	return 0;
}

SEC("xdp")
int global_mem_ok(struct xdp_md *ctx)
{
	__u64 len = 0;
	if (store_len(ctx, &len))
		return XDP_ABORTED;
	if (store_len(ctx, 0) != -1)
		return XDP_ABORTED;
	return len > 64 ? XDP_PASS : XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
