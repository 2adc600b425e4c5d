/* Per-CPU maps from a program on CPU 0: percpu_array and percpu_hash values, a new per-CPU hash
 * element (other CPUs zeroed), bpf_map_lookup_percpu_elem for CPU 0, CPU 1 and a CPU past the end.
 * @run percpu udp dport=1
 * @run percpu udp dport=1
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} pa SEC(".maps");
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} ph SEC(".maps");
long long res[8];

SEC("xdp")
int percpu(struct xdp_md *ctx)
{
	__u32 k = 1;
	__u64 *v = bpf_map_lookup_elem(&pa, &k);
	if (v)
		*v += 3;
	__u64 init = 40;
	bpf_map_update_elem(&ph, &k, &init, BPF_NOEXIST);
	v = bpf_map_lookup_elem(&ph, &k);
	if (v)
		*v += 2;
	v = bpf_map_lookup_percpu_elem(&pa, &k, 0);
	res[0] = v ? *v : -1;
	v = bpf_map_lookup_percpu_elem(&pa, &k, 1);
	res[1] = v ? *v : -1;
	v = bpf_map_lookup_percpu_elem(&pa, &k, 4096);
	res[2] = v ? *v : -1;
	v = bpf_map_lookup_percpu_elem(&ph, &k, 0);
	res[3] = v ? *v : -1;
	res[4] = bpf_get_smp_processor_id();
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
