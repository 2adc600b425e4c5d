/* hash_of_maps with an inner hash template and initial inner maps: lookups of present and
 * absent keys, then updates in the inner hash (flags and errors seen through the inner map).
 * @run hash_of_maps udp dport=1
 */
#include "objs.h"
struct inner_h {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
};
struct inner_h ih0 SEC(".maps"), ih1 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, struct inner_h);
} hom SEC(".maps") = {
	.values = { [1] = &ih0, [3] = &ih1 },
};
long long res[8];

SEC("xdp")
int hash_of_maps(struct xdp_md *ctx)
{
	__u32 k = 0, v = 5;
	res[0] = bpf_map_lookup_elem(&hom, &k) == 0;
	k = 1;
	void *m = bpf_map_lookup_elem(&hom, &k);
	if (!m)
		return XDP_ABORTED;
	__u32 a = 1, b = 2, c = 3;
	res[1] = bpf_map_update_elem(m, &a, &v, BPF_NOEXIST);
	res[2] = bpf_map_update_elem(m, &a, &v, BPF_NOEXIST);
	res[3] = bpf_map_update_elem(m, &b, &v, BPF_ANY);
	res[4] = bpf_map_update_elem(m, &c, &v, BPF_ANY);
	k = 3;
	m = bpf_map_lookup_elem(&hom, &k);
	if (!m)
		return XDP_ABORTED;
	v = 9;
	res[5] = bpf_map_update_elem(m, &c, &v, BPF_EXIST);
	res[6] = bpf_map_update_elem(m, &c, &v, BPF_ANY);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
