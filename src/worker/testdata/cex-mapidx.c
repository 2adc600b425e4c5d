// A per-DSCP counter table in one array element: the index comes from the packet (the TOS byte's
// top 6 bits, 0..63) but the table has 16 slots, and nothing checks it.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct table {
	__u64 slot[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct table);
} dscp SEC(".maps");

SEC("xdp")
int count_dscp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	__u32 key = 0;
	struct table *t = bpf_map_lookup_elem(&dscp, &key);
	if (!t)
		return XDP_PASS;
	__u32 idx = ip->tos >> 2;
	t->slot[idx] += 1;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
