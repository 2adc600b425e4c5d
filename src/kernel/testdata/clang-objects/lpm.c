/* LPM trie longest-prefix matching from a program: 10.0.0.0/8, 10.1.0.0/16, 10.1.2.0/24 inserted,
 * then lookups of addresses that match each level or none; a prefix longer than the data is
 * -EINVAL; an exact-prefix delete.
 * @run lpm udp dport=1
 */
#include "objs.h"
struct key4 {
	__u32 prefixlen;
	__u8 addr[4];
};
struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 8);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct key4);
	__type(value, __u32);
} routes SEC(".maps");
long long res[8];

static __always_inline long add(__u32 len, __u8 a, __u8 b, __u8 c, __u32 val)
{
	struct key4 k = { .prefixlen = len, .addr = { a, b, c, 0 } };
	return bpf_map_update_elem(&routes, &k, &val, BPF_ANY);
}

static __always_inline long find(__u8 a, __u8 b, __u8 c, __u8 d)
{
	struct key4 k = { .prefixlen = 32, .addr = { a, b, c, d } };
	__u32 *v = bpf_map_lookup_elem(&routes, &k);
	return v ? *v : -1;
}

SEC("xdp")
int lpm(struct xdp_md *ctx)
{
	add(8, 10, 0, 0, 8);
	add(16, 10, 1, 0, 16);
	add(24, 10, 1, 2, 24);
	res[0] = find(10, 1, 2, 3);
	res[1] = find(10, 1, 9, 9);
	res[2] = find(10, 9, 9, 9);
	res[3] = find(11, 0, 0, 0);
	res[4] = add(33, 1, 2, 3, 1);
	struct key4 k = { .prefixlen = 16, .addr = { 10, 1, 0, 0 } };
	res[5] = bpf_map_delete_elem(&routes, &k);
	res[6] = bpf_map_delete_elem(&routes, &k);
	res[7] = find(10, 1, 9, 9);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
