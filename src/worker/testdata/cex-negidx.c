// A 16-slot table indexed by how far the TTL is above 64: `idx < 16` is checked, but a signed
// index below zero passes the check (a TTL under 64), and the verifier wants it unsigned.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

struct table {
	__u64 slot[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct table);
} hops SEC(".maps");

SEC("xdp")
int count_hops(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	__u32 key = 0;
	struct table *t = bpf_map_lookup_elem(&hops, &key);
	if (!t)
		return XDP_PASS;
	int idx = (int)ip->ttl - 64;
	if (idx >= 16)
		return XDP_PASS;
	t->slot[idx] += 1;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
