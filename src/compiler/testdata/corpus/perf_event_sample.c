// perf_event: sample the instruction pointer into a hash map of hits.
// @type: perf_event
#include <linux/bpf.h>
#include <linux/bpf_perf_event.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, __u64);
	__type(value, __u32);
	__uint(max_entries, 4096);
} hits SEC(".maps");

SEC("perf_event")
int sample_ip(struct bpf_perf_event_data *ctx)
{
	__u64 ip = ctx->regs.rip;
	__u32 one = 1, *v;

	if (ctx->sample_period == 0)
		return 0;
	v = bpf_map_lookup_elem(&hits, &ip);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&hits, &ip, &one, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
