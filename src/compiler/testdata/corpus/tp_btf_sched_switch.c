// tp_btf: BTF-typed sched_switch arguments, task_struct fields read directly (trusted pointers).
// @type: tracing
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, pid_t);
	__type(value, u64);
	__uint(max_entries, 8192);
} ran SEC(".maps");

SEC("tp_btf/sched_switch")
int BPF_PROG(switch_btf, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	pid_t pid = next->pid;
	u64 now = bpf_ktime_get_ns();

	if (!pid || next->flags & 0x00200000 /* PF_KTHREAD */)
		return 0;
	bpf_map_update_elem(&ran, &pid, &now, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
