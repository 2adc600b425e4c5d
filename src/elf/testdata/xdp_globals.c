#include "common.h"
__u64 packets = 5;              /* .data */
const volatile __u32 verdict = XDP_DROP; /* .rodata */
__u64 total_len;                /* .bss */
__u32 seen[4];                  /* .bss */

SEC("xdp")
int xdp_globals(struct xdp_md *ctx)
{
	packets++;
	total_len += ctx->data_end - ctx->data;
	seen[2] = 1;
	return verdict;
}
char LICENSE[] SEC("license") = "GPL";
