// kprobe: copy the task's comm to the stack and count names starting with "sh".
// @type: kprobe
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 2);
} shells SEC(".maps");

SEC("kprobe/__x64_sys_execve")
int count_shells(void *ctx)
{
	char comm[16] = {};
	__u32 key;
	__u64 *v;

	bpf_get_current_comm(comm, sizeof(comm));
	key = comm[0] == 's' && comm[1] == 'h';
	v = bpf_map_lookup_elem(&shells, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
