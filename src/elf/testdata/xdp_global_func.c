#include "common.h"
__noinline int scale(int x)
{
	return x * 3 + 1;
}

SEC("xdp")
int xdp_global_func(struct xdp_md *ctx)
{
	return scale(1) == 4 ? XDP_PASS : XDP_DROP;
}
char LICENSE[] SEC("license") = "Dual BSD/GPL";
