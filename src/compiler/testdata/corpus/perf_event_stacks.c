// perf_event sampling: count (pid, kernel stack id) pairs, like a minimal profiler.
// @type: perf_event
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct stack_key {
	u32 pid;
	s32 kstack;
	s32 ustack;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(key_size, sizeof(u32));
	__uint(value_size, 127 * sizeof(u64));
	__uint(max_entries, 1024);
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct stack_key);
	__type(value, u64);
	__uint(max_entries, 4096);
} counts SEC(".maps");

SEC("perf_event")
int profile(struct bpf_perf_event_data *ctx)
{
	struct stack_key k = {};
	u64 one = 1, *n;

	k.pid = bpf_get_current_pid_tgid() >> 32;
	k.kstack = bpf_get_stackid(ctx, &stacks, 0);
	k.ustack = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);
	bpf_get_current_comm(&k.comm, sizeof(k.comm));
	n = bpf_map_lookup_elem(&counts, &k);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&counts, &k, &one, BPF_NOEXIST);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
