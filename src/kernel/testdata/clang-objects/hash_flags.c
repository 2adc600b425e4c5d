/* Hash map update flags and error codes from a program: BPF_ANY / BPF_NOEXIST (-EEXIST) /
 * BPF_EXIST (-ENOENT), bad flags (-EINVAL), a full map (-E2BIG), delete of a missing key (-ENOENT).
 * @run hash_flags udp dport=7
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} h SEC(".maps");
long long res[16];

SEC("xdp")
int hash_flags(struct xdp_md *ctx)
{
	__u32 k = 1;
	__u64 v = 10;
	PUT(0, bpf_map_update_elem(&h, &k, &v, BPF_EXIST));
	PUT(1, bpf_map_update_elem(&h, &k, &v, BPF_NOEXIST));
	v = 11;
	PUT(2, bpf_map_update_elem(&h, &k, &v, BPF_NOEXIST));
	PUT(3, bpf_map_update_elem(&h, &k, &v, BPF_EXIST));
	PUT(4, bpf_map_update_elem(&h, &k, &v, 4 | 8));
	k = 2;
	PUT(5, bpf_map_update_elem(&h, &k, &v, BPF_ANY));
	k = 3;
	PUT(6, bpf_map_update_elem(&h, &k, &v, BPF_ANY));
	k = 4;
	PUT(7, bpf_map_update_elem(&h, &k, &v, BPF_ANY));
	PUT(8, bpf_map_delete_elem(&h, &k));
	k = 3;
	PUT(9, bpf_map_delete_elem(&h, &k));
	k = 4;
	PUT(10, bpf_map_update_elem(&h, &k, &v, BPF_NOEXIST));
	__u64 *p = bpf_map_lookup_elem(&h, &k);
	PUT(11, p ? *p : -1);
	k = 3;
	PUT(12, bpf_map_lookup_elem(&h, &k) == 0);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
