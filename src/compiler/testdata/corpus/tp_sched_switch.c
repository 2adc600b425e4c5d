// Tracepoint sched_switch: per-CPU count of switches away from each pid (vmlinux.h record).
// @type: tracepoint
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__type(key, pid_t);
	__type(value, u64);
	__uint(max_entries, 8192);
} switches SEC(".maps");

SEC("tracepoint/sched/sched_switch")
int on_switch(struct trace_event_raw_sched_switch *ctx)
{
	pid_t prev = ctx->prev_pid;
	u64 one = 1, *n;

	if (prev == 0 || ctx->prev_state != 0)
		return 0;
	n = bpf_map_lookup_elem(&switches, &prev);
	if (n)
		*n += 1;
	else
		bpf_map_update_elem(&switches, &prev, &one, BPF_NOEXIST);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
