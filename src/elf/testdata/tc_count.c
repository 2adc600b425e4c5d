#include "common.h"
#include <linux/pkt_cls.h>
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, __u64);
} len_by_mark SEC(".maps");

SEC("classifier")
int tc_count(struct __sk_buff *skb)
{
	__u32 key = skb->len;
	__u64 one = 1;
	bpf_map_update_elem(&len_by_mark, &key, &one, BPF_ANY);
	return TC_ACT_OK;
}
char LICENSE[] SEC("license") = "GPL";
