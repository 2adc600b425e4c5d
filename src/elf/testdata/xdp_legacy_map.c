#include "common.h"
/* The pre-BTF map definition (libbpf 1.x no longer declares it). */
struct bpf_map_def {
	unsigned int type, key_size, value_size, max_entries, map_flags;
};
struct bpf_map_def SEC("maps") legacy_counts = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 8,
};

SEC("xdp")
int xdp_legacy_map(struct xdp_md *ctx)
{
	__u32 key = 3;
	__u64 *v = bpf_map_lookup_elem(&legacy_counts, &key);
	if (v)
		*v += 7;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
