/* bpf_perf_event_output's error paths in the order the kernel checks them, with no reader (the
 * slots of a perf_event_array libbpf just created are empty): bad flags (-EINVAL), a ctx length
 * past the packet (-EFAULT, checked first), an index past max_entries (-E2BIG), an empty slot
 * (-ENOENT) for the current CPU and another one.
 * @run perf_output udp dport=1
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");
long long res[8];

SEC("xdp")
int perf_output(struct xdp_md *ctx)
{
	__u64 v = 0x1122334455667788ULL;
	res[0] = bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &v, sizeof(v));
	res[1] = bpf_perf_event_output(ctx, &events, 1, &v, sizeof(v));
	res[2] = bpf_perf_event_output(ctx, &events, 2, &v, sizeof(v));
	res[3] = bpf_perf_event_output(ctx, &events, 1ULL << 52, &v, sizeof(v));
	res[4] = bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU | (4096ULL << 32), &v, sizeof(v));
	res[5] = bpf_perf_event_output(ctx, &events, 7 | (4096ULL << 32), &v, sizeof(v));
	res[6] = bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU | (14ULL << 32), &v, sizeof(v));
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
