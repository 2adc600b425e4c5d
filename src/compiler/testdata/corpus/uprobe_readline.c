// uretprobe (attached later to bash's readline): print the line read, from user memory.
// (BPF_KRETPROBE: the uprobe flavours BPF_URETPROBE/BPF_UPROBE are libbpf >= 1.2; clang here has 1.1)
// @type: kprobe
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct line {
	u32 pid;
	char text[80];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, u32);
	__type(value, struct line);
	__uint(max_entries, 1);
} scratch SEC(".maps");

SEC("uretprobe")
int BPF_KRETPROBE(readline_ret, const void *ret)
{
	u32 zero = 0;
	struct line *l;

	if (!ret)
		return 0;
	l = bpf_map_lookup_elem(&scratch, &zero);
	if (!l)
		return 0;
	l->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_probe_read_user_str(l->text, sizeof(l->text), ret);
	bpf_printk("%d: %s", l->pid, l->text);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
