// Raw tracepoint: read the raw arguments array and count by CPU.
// @type: raw_tracepoint
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} switches SEC(".maps");

SEC("raw_tracepoint/sched_switch")
int raw_sched(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 key = ctx->args[0] != 0;
	__u64 *v = bpf_map_lookup_elem(&switches, &key);

	if (v)
		*v += 1 + (bpf_get_smp_processor_id() & 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
