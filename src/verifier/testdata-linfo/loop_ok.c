#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* a bounded loop: the loop body's lines repeat in the log */
SEC("xdp")
int prog(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	unsigned char *p = data;
	__u32 sum = 0;

	for (int i = 0; i < 4; i++) {
		if ((void *)(p + i + 1) > end)
			break;
		sum += p[i];
	}
	return sum & 1 ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
