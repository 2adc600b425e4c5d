/* The tail-call limit: a program that tail-calls itself runs 1 + 33 times (MAX_TAIL_CALL_CNT),
 * then bpf_tail_call falls through.
 * @run self_loop udp dport=1
 * @run self_loop udp dport=1
 */
#include "objs.h"
long long res[4];
__u32 depth;

SEC("xdp")
int self_loop(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__array(values, int (void *));
} self SEC(".maps") = {
	.values = { [0] = (void *)&self_loop },
};

SEC("xdp")
int self_loop(struct xdp_md *ctx)
{
	depth++;
	res[0]++;
	bpf_tail_call(ctx, &self, 0);
	res[1] = depth;
	depth = 0;
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
