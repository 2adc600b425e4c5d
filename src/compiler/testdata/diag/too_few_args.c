#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 16);
} m SEC(".maps");

SEC("xdp")
int prog(struct xdp_md *ctx)
{
	__u32 k = 0;
	return bpf_map_lookup_elem(&m) != 0;
}
