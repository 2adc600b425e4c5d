#include "common.h"
static __u32 counter;                 /* local symbol in .bss */
static const char tag[] = "static-tag"; /* local symbol in .rodata */
static __u64 weights[3] = { 1, 2, 3 }; /* local symbol in .data */

SEC("xdp")
int xdp_static_data(struct xdp_md *ctx)
{
	counter += weights[1];
	if (tag[0] != 's')
		return XDP_ABORTED;
	return counter == 2 ? XDP_TX : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
