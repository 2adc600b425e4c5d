/* A global function taking the context, called with a pointer to the stack: the kernel refuses
 * the call ("arg#0 expects pointer to ctx" / "Caller passes invalid args into func#1 ('peek')"). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
__noinline int peek(struct xdp_md *ctx)
{
	return ctx ? 1 : 0;
}

SEC("xdp")
int global_bad_ctx(struct xdp_md *ctx)
{
	__u64 fake[4] = {};
	return peek((struct xdp_md *)fake) + peek(ctx) ? XDP_PASS : XDP_DROP;
}
char LICENSE[] SEC("license") = "GPL";
