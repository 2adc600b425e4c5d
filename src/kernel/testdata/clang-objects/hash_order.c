/* Hash maps created with BPF_F_ZERO_SEED iterate in the same order on every machine (bucket by
 * bucket, newest first): a program inserts, replaces and deletes keys of a hash, an LRU hash and a
 * per-CPU hash; the dumps are compared in order.
 * @run hash_order udp dport=1
 * @run hash_order udp dport=2
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__uint(map_flags, BPF_F_ZERO_SEED);
	__type(key, __u32);
	__type(value, __u32);
} zh SEC(".maps");
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4);
	__uint(map_flags, BPF_F_ZERO_SEED);
	__type(key, __u64);
	__type(value, __u32);
} zl SEC(".maps");
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 8);
	__uint(map_flags, BPF_F_ZERO_SEED);
	__type(key, __u16);
	__type(value, __u32);
} zp SEC(".maps");
__u32 runs;

SEC("xdp")
int hash_order(struct xdp_md *ctx)
{
	runs++;
	for (__u32 i = 1; i <= 12; i++) {
		__u32 k = i * runs, v = i;
		bpf_map_update_elem(&zh, &k, &v, BPF_ANY);
	}
	__u32 k = 4, v = 44;
	bpf_map_update_elem(&zh, &k, &v, BPF_EXIST);
	k = 6;
	bpf_map_delete_elem(&zh, &k);
	for (__u64 i = 1; i <= 6; i++) {
		__u64 key = i << 40 | runs;
		__u32 val = i;
		bpf_map_update_elem(&zl, &key, &val, BPF_ANY);
	}
	for (__u16 i = 1; i <= 5; i++) {
		__u16 key = i * 7;
		__u32 val = i + runs;
		bpf_map_update_elem(&zp, &key, &val, BPF_ANY);
	}
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
