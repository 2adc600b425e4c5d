#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
/* forgets the NULL check after bpf_map_lookup_elem: rejected */
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
	__u64 *v = bpf_map_lookup_elem(&counts, &key);

	*v += 1;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
