// kprobe with CO-RE: remember each process's parent tgid, read with BPF_CORE_READ.
// @type: kprobe
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, u32);
	__type(value, u32);
	__uint(max_entries, 4096);
} parents SEC(".maps");

SEC("kprobe/do_nanosleep")
int BPF_KPROBE(nanosleep_enter)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u32 ppid = BPF_CORE_READ(task, real_parent, tgid);

	bpf_map_update_elem(&parents, &pid, &ppid, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
