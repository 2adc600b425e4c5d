/* LRU hash eviction order from a program: fill max_entries keys, touch the oldest with a lookup,
 * insert one more; the least recently used key is the one evicted.
 * @run lru udp dport=1
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} lru_map SEC(".maps");
long long res[8];

SEC("xdp")
int lru(struct xdp_md *ctx)
{
	__u64 v;
	for (__u32 i = 1; i <= 4; i++) {
		__u32 k = i;
		v = i * 10;
		bpf_map_update_elem(&lru_map, &k, &v, BPF_NOEXIST);
	}
	__u32 k = 1;
	bpf_map_lookup_elem(&lru_map, &k);
	k = 5;
	v = 50;
	res[0] = bpf_map_update_elem(&lru_map, &k, &v, BPF_NOEXIST);
	for (__u32 i = 1; i <= 5; i++) {
		__u32 q = i;
		res[i] = bpf_map_lookup_elem(&lru_map, &q) != 0;
	}
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
