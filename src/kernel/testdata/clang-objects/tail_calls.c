/* Tail calls through a prog_array initialised in the object (`__array(values, ...)` with
 * `[i] = &prog`, which libbpf fills after loading): dispatch by IP protocol; an empty slot
 * falls through.
 * @run dispatch udp dport=53
 * @run dispatch tcp dport=80
 * @run dispatch icmp
 */
#include "objs.h"
long long res[4];

SEC("xdp")
int handle_udp(struct xdp_md *ctx)
{
	res[0]++;
	return XDP_DROP;
}

SEC("xdp")
int handle_tcp(struct xdp_md *ctx)
{
	res[1]++;
	return XDP_TX;
}

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__array(values, int (void *));
} jmp SEC(".maps") = {
	.values = {
		[IPPROTO_TCP] = (void *)&handle_tcp,
		[7] = (void *)&handle_udp,
	},
};

SEC("xdp")
int dispatch(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	if ((void *)(ip + 1) > end)
		return XDP_ABORTED;
	__u32 slot = ip->protocol == IPPROTO_UDP ? 7 : ip->protocol;
	bpf_tail_call(ctx, &jmp, slot);
	res[2]++;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
