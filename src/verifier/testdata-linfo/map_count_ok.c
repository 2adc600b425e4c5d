#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* counts packets per rx queue in a hash map */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	__u32 key = ctx->rx_queue_index;
	__u64 one = 1;
	__u64 *v = bpf_map_lookup_elem(&counts, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&counts, &key, &one, BPF_ANY);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
