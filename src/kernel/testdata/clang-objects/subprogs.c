/* bpf-to-bpf calls: static __noinline subprograms in .text (R_BPF_64_32 calls), a chain of
 * three, one of them called from two places, one with five arguments.
 * @run subprogs udp dport=4242
 * @run subprogs tcp dport=80
 */
#include "objs.h"
long long res[4];

static __noinline __u64 mix(__u64 a, __u64 b, __u64 c, __u64 d, __u64 e)
{
	return a * 31 + b * 17 + c * 7 + d * 3 + e;
}

static __noinline __u32 proto_of(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	if ((void *)(ip + 1) > end)
		return 0;
	return ip->protocol;
}

static __noinline __u64 score(struct xdp_md *ctx)
{
	__u32 p = proto_of(ctx);
	return mix(p, ctx->data_end - ctx->data, p + 1, 2, 1);
}

SEC("xdp")
int subprogs(struct xdp_md *ctx)
{
	res[0] = score(ctx);
	res[1] = proto_of(ctx);
	return res[1] == IPPROTO_UDP ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
