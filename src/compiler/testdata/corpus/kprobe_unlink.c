// kprobe with BPF_KPROBE: count unlinkat calls per pid, ignore dfd < 0.
// @type: kprobe
#define __TARGET_ARCH_x86
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 10240);
} calls SEC(".maps");

SEC("kprobe/do_unlinkat")
int BPF_KPROBE(do_unlinkat, int dfd, void *name)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1, *v;

	if (dfd < -100)
		return 0;
	v = bpf_map_lookup_elem(&calls, &pid);
	if (v)
		(*v)++;
	else
		bpf_map_update_elem(&calls, &pid, &one, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
