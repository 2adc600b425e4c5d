#include "common.h"
/* Maps kernel_oracle.py cannot create (bpftool can): an array_of_maps with its inner map
 * template (libbpf makes the outer value size 4) and a perf_event_array. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(max_entries, 4);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct inner_def {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner_def);
} outer SEC(".maps");

SEC("xdp")
int xdp_map_in_map(struct xdp_md *ctx)
{
	__u32 k = 0, len = ctx->data_end - ctx->data;
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &len, sizeof(len));
	void *inner = bpf_map_lookup_elem(&outer, &k);
	if (!inner)
		return XDP_PASS;
	__u32 *v = bpf_map_lookup_elem(inner, &k);
	return v && *v ? XDP_DROP : XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
