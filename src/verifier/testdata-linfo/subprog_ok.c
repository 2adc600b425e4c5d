#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* two static subprograms: the log enters their lines and comes back */
static __attribute__((noinline)) int twice(int x)
{
	return x * 2 + 1;
}

static __attribute__((noinline)) int clamp(int x)
{
	if (x > 100)
		return 100;
	return x;
}

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	int a = ctx->data_end - ctx->data;
	int b = twice(a);
	int c = clamp(b);
	return c > 50 ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
