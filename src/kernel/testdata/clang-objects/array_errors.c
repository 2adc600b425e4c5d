/* Array and per-CPU array from a program: NOEXIST is -EEXIST (elements always exist), an index
 * past max_entries is -E2BIG on update and NULL on lookup, delete is -EINVAL, values start zeroed.
 * @run array_errors udp dport=9
 * @run array_errors udp dport=9
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} arr SEC(".maps");
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} pca SEC(".maps");
long long res[16];

SEC("xdp")
int array_errors(struct xdp_md *ctx)
{
	__u32 k = 1;
	__u64 v = 7;
	PUT(0, bpf_map_update_elem(&arr, &k, &v, BPF_NOEXIST));
	PUT(1, bpf_map_update_elem(&arr, &k, &v, BPF_EXIST));
	k = 4;
	PUT(2, bpf_map_update_elem(&arr, &k, &v, BPF_ANY));
	PUT(3, bpf_map_lookup_elem(&arr, &k) == 0);
	k = 1;
	PUT(4, bpf_map_delete_elem(&arr, &k));
	PUT(5, bpf_map_update_elem(&arr, &k, &v, 3));
	k = 3;
	__u64 *p = bpf_map_lookup_elem(&arr, &k);
	if (p)
		*p += 100;
	k = 0;
	__u32 *c = bpf_map_lookup_elem(&pca, &k);
	if (c)
		*c += 1;
	k = 2;
	PUT(6, bpf_map_lookup_elem(&pca, &k) == 0);
	k = 1;
	__u32 w = 5;
	PUT(7, bpf_map_update_elem(&pca, &k, &w, BPF_ANY));
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
