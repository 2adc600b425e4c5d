// Counts reads per scheduling priority in a 64-slot table. The priority is read from the current
// task with bpf_probe_read_kernel (kernel memory, not the context) and masked to 0..127, not 0..63.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct table {
	__u64 calls[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct table);
} per_prio SEC(".maps");

SEC("kprobe/ksys_read")
int count_prio(struct pt_regs *ctx)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	int prio = 0;
	bpf_probe_read_kernel(&prio, sizeof(prio), &task->prio);
	__u32 key = 0;
	struct table *t = bpf_map_lookup_elem(&per_prio, &key);
	if (!t)
		return 0;
	t->calls[prio & 127] += 1;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
