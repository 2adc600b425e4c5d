// Tracepoint on sys_enter_openat: count calls per flags value and print the first ones.
// @type: tracepoint
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

/* the tracepoint's format (tracefs events/syscalls/sys_enter_openat/format) */
struct openat_args {
	unsigned short common_type;
	unsigned char common_flags;
	unsigned char common_preempt_count;
	int common_pid;
	int __syscall_nr;
	long dfd;
	const char *filename;
	long flags;
	long mode;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, long);
	__type(value, __u64);
	__uint(max_entries, 128);
} by_flags SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int trace_openat(struct openat_args *ctx)
{
	long flags = ctx->flags;
	__u64 one = 1, *v;
	char name[32];

	v = bpf_map_lookup_elem(&by_flags, &flags);
	if (v) {
		__sync_fetch_and_add(v, 1);
		return 0;
	}
	bpf_map_update_elem(&by_flags, &flags, &one, BPF_NOEXIST);
	bpf_probe_read_user_str(name, sizeof(name), ctx->filename);
	bpf_printk("openat %s flags %ld", name, flags);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
