#include "common.h"
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

static __noinline int bump(__u32 k)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &k);
	if (v)
		*v += 3;
	return 0;
}

static __noinline int twice(__u32 k)
{
	bump(k);
	bump(k);
	return XDP_TX;
}

SEC("xdp")
int xdp_subprog_chain(struct xdp_md *ctx)
{
	bump(0);
	return twice(0);
}
char LICENSE[] SEC("license") = "GPL";
