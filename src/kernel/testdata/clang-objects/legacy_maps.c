/* A legacy `maps` section (struct bpf_map_def, as before BTF-defined maps): a hash counting
 * packets per UDP destination port. libbpf 1.x refuses the section; kernel_oracle.py loads it.
 * @loader oracle
 * @run legacy_count udp dport=53
 * @run legacy_count udp dport=53
 * @run legacy_count udp dport=80
 */
#include "objs.h"
struct bpf_map_def_legacy {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};
struct bpf_map_def_legacy ports SEC("maps") = {
	.type = BPF_MAP_TYPE_HASH,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 16,
};

SEC("xdp")
int legacy_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct udphdr *udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > end)
		return XDP_ABORTED;
	__u32 port = bpf_ntohs(udp->dest);
	__u64 one = 1, *c = bpf_map_lookup_elem(&ports, &port);
	if (c)
		*c += 1;
	else
		bpf_map_update_elem(&ports, &port, &one, BPF_NOEXIST);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
