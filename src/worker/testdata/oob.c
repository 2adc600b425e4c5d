// Reads a byte past the packet without a bounds check: the verifier rejects it.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int oob(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	return data[100000] ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
