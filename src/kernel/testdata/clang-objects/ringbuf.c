/* Ring buffer from a program: reserve/submit, reserve/discard, output, a reservation too big
 * (NULL), filling the ring until reserve returns NULL and output -EAGAIN, and bpf_ringbuf_query
 * positions (nobody consumes during the run).
 * @run ringbuf udp dport=1
 */
#include "objs.h"
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");
long long res[16];

SEC("xdp")
int ringbuf(struct xdp_md *ctx)
{
	__u64 *e = bpf_ringbuf_reserve(&rb, 16, 0);
	if (!e)
		return XDP_ABORTED;
	e[0] = 1;
	e[1] = 2;
	bpf_ringbuf_submit(e, 0);
	res[0] = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);
	e = bpf_ringbuf_reserve(&rb, 8, 0);
	if (!e)
		return XDP_ABORTED;
	bpf_ringbuf_discard(e, 0);
	res[1] = bpf_ringbuf_query(&rb, BPF_RB_PROD_POS);
	__u32 x = 0xabcd;
	res[2] = bpf_ringbuf_output(&rb, &x, sizeof(x), 0);
	void *big = bpf_ringbuf_reserve(&rb, 5000, 0);
	res[3] = big == 0;
	if (big)
		bpf_ringbuf_discard(big, 0);
	int n = 0;
	for (int i = 0; i < 20; i++) {
		__u64 *b = bpf_ringbuf_reserve(&rb, 512, 0);
		if (!b)
			break;
		n++;
		bpf_ringbuf_submit(b, BPF_RB_NO_WAKEUP);
	}
	res[4] = n;
	res[5] = bpf_ringbuf_output(&rb, &x, sizeof(x), 0);
	res[6] = bpf_ringbuf_query(&rb, BPF_RB_AVAIL_DATA);
	res[7] = bpf_ringbuf_query(&rb, BPF_RB_RING_SIZE);
	res[8] = bpf_ringbuf_query(&rb, BPF_RB_CONS_POS);
	res[9] = bpf_ringbuf_output(&rb, &x, sizeof(x), 4);
	return XDP_PASS;
}
char LICENSE[] SEC("license") = "GPL";
