// uprobe on an allocator entry: histogram of requested sizes in power-of-two buckets.
// @type: kprobe
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, u32);
	__type(value, u64);
	__uint(max_entries, 32);
} sizes SEC(".maps");

static __always_inline u32 log2l(u64 v)
{
	u32 r = 0;

	for (int i = 0; i < 32; i++) {
		if (v <= 1)
			break;
		v >>= 1;
		r++;
	}
	return r;
}

SEC("uprobe")
int BPF_KPROBE(malloc_enter, size_t size)
{
	u32 slot = log2l(size);
	u64 *n;

	if (slot >= 32)
		slot = 31;
	n = bpf_map_lookup_elem(&sizes, &slot);
	if (n)
		__sync_fetch_and_add(n, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
