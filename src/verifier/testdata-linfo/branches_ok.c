#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* if/else chains: the same source line is revisited after each branch */
SEC("xdp")
int prog(struct xdp_md *ctx)
{
	__u32 len = ctx->data_end - ctx->data;
	int verdict = XDP_PASS;

	if (len > 1000)
		verdict = XDP_DROP;
	else if (len < 60)
		verdict = XDP_ABORTED;
	if (len == 77)   
		verdict = XDP_TX;
	return verdict;
}
char LICENSE[] SEC("license") = "GPL";
