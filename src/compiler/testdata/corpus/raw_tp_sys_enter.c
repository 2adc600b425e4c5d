// Raw tracepoint sys_enter: count system calls by number (args[1] is the syscall id).
// @type: raw_tracepoint
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, u32);
	__type(value, u64);
	__uint(max_entries, 512);
} syscalls SEC(".maps");

SEC("raw_tracepoint/sys_enter")
int count_syscalls(struct bpf_raw_tracepoint_args *ctx)
{
	u32 id = ctx->args[1];
	u64 *n;

	if (id >= 512)
		return 0;
	n = bpf_map_lookup_elem(&syscalls, &id);
	if (n)
		__sync_fetch_and_add(n, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
