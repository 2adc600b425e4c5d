/* A global (non-static) __noinline function: the kernel verifies it once on its own, from its
 * BTF prototype (scalar arguments), and the program calls it twice.
 * @run global_func udp dport=100
 */
#include "objs.h"
long long res[4];

__noinline int clamp_add(int a, int b)
{
	int s = a + b;
	if (s > 1000)
		return 1000;
	if (s < -1000)
		return -1000;
	return s;
}

SEC("xdp")
int global_func(struct xdp_md *ctx)
{
	int len = ctx->data_end - ctx->data;
	res[0] = clamp_add(len, 5);
	res[1] = clamp_add(len * 100, 1);
	res[2] = clamp_add(-len * 100, 0);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
