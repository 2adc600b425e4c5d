// kretprobe: histogram of return values (log2 buckets) in an array map.
// @type: kprobe
#define __TARGET_ARCH_x86
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 64);
} hist SEC(".maps");

static __always_inline __u32 log2_u64(__u64 v)
{
	__u32 r = 0;
	for (int i = 0; i < 63; i++) {
		if (v <= 1)
			break;
		v >>= 1;
		r++;
	}
	return r;
}

SEC("kretprobe/vfs_read")
int BPF_KRETPROBE(vfs_read_ret, long ret)
{
	__u32 slot;
	__u64 *v;

	if (ret < 0)
		return 0;
	slot = log2_u64(ret);
	v = bpf_map_lookup_elem(&hist, &slot);
	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
