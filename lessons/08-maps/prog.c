// Lesson 8: maps. Count the packets seen on each receive queue in the `packets` hash map.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 64);
} packets SEC(".maps");

SEC("xdp")
int count(struct xdp_md *ctx)
{
	__u32 key = ctx->rx_queue_index;
	__u64 *n = bpf_map_lookup_elem(&packets, &key);

	*n += 1;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
