/* Queue (FIFO) and stack (LIFO) from a program: push until full (-E2BIG), BPF_EXIST overwrites
 * the oldest, peek, pop in order, pop of an empty map (-ENOENT), bad flags (-EINVAL); values left
 * in both maps are popped by user space afterwards (in pop order).
 * @run queue_stack udp dport=1
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 3);
	__type(value, __u32);
} q SEC(".maps");
struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 2);
	__type(value, __u32);
} st SEC(".maps");
long long res[24];

SEC("xdp")
int queue_stack(struct xdp_md *ctx)
{
	__u32 v, out = 0;
	for (__u32 i = 1; i <= 4; i++) {
		v = i;
		res[i - 1] = bpf_map_push_elem(&q, &v, 0);
	}
	v = 9;
	res[4] = bpf_map_push_elem(&q, &v, BPF_EXIST);
	res[5] = bpf_map_push_elem(&q, &v, 8);
	res[6] = bpf_map_peek_elem(&q, &out);
	res[7] = out;
	for (int i = 0; i < 4; i++) {
		out = 77;
		long r = bpf_map_pop_elem(&q, &out);
		res[8 + 2 * i] = r;
		res[9 + 2 * i] = out;
	}
	v = 1;
	bpf_map_push_elem(&st, &v, 0);
	v = 2;
	bpf_map_push_elem(&st, &v, 0);
	v = 3;
	res[16] = bpf_map_push_elem(&st, &v, 0);
	res[17] = bpf_map_push_elem(&st, &v, BPF_EXIST);
	bpf_map_pop_elem(&st, &out);
	res[18] = out;
	bpf_map_pop_elem(&st, &out);
	res[19] = out;
	res[20] = bpf_map_peek_elem(&st, &out);
	/* left for user space to pop (recorded) */
	v = 5;
	bpf_map_push_elem(&q, &v, 0);
	v = 6;
	bpf_map_push_elem(&q, &v, 0);
	v = 7;
	bpf_map_push_elem(&st, &v, 0);
	v = 8;
	bpf_map_push_elem(&st, &v, 0);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
