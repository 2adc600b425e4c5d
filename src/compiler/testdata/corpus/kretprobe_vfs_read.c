// kretprobe: sum the bytes vfs_read returned, per command name; errors counted apart.
// @type: kprobe
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct comm_key {
	char comm[16];
};

struct stats {
	u64 bytes;
	u64 errors;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct comm_key);
	__type(value, struct stats);
	__uint(max_entries, 1024);
} reads SEC(".maps");

SEC("kretprobe/vfs_read")
int BPF_KRETPROBE(vfs_read_exit, long ret)
{
	struct comm_key k = {};
	struct stats zero = {}, *s;

	bpf_get_current_comm(&k.comm, sizeof(k.comm));
	s = bpf_map_lookup_elem(&reads, &k);
	if (!s) {
		bpf_map_update_elem(&reads, &k, &zero, BPF_NOEXIST);
		s = bpf_map_lookup_elem(&reads, &k);
		if (!s)
			return 0;
	}
	if (ret < 0)
		__sync_fetch_and_add(&s->errors, 1);
	else
		__sync_fetch_and_add(&s->bytes, ret);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
