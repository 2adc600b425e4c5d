/* array_of_maps with an inner map template and initial inner maps (`[i] = &inner`): the program
 * looks up the inner map, then a value in it, and updates it; an empty slot is NULL.
 * @run map_in_map udp dport=1
 * @run map_in_map udp dport=2
 */
#include "objs.h"
struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
};
struct inner inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 3);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { [0] = &inner_a, [2] = &inner_b },
};
long long res[4];

SEC("xdp")
int map_in_map(struct xdp_md *ctx)
{
	for (__u32 i = 0; i < 3; i++) {
		__u32 k = i;
		void *m = bpf_map_lookup_elem(&outer, &k);
		if (!m) {
			res[i] = -1;
			continue;
		}
		__u32 z = 1;
		__u64 *v = bpf_map_lookup_elem(m, &z);
		if (v) {
			*v += i + 10;
			res[i] = *v;
		}
	}
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
