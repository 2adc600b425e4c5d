#include "common.h"
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} calls SEC(".maps");

SEC("kprobe/do_unlinkat")
int kprobe_unlink(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1, *v = bpf_map_lookup_elem(&calls, &pid);
	if (v)
		*v += 1;
	else
		bpf_map_update_elem(&calls, &pid, &one, BPF_ANY);
	bpf_printk("unlink by %u", pid);
	return 0;
}
char LICENSE[] SEC("license") = "GPL";
