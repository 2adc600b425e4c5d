// @title: Ring buffer against perf buffer, side by side
// @description: Both ways to stream events to user space, fed the same events. For every iperf
//  datagram the program sends its sequence number and the CPU it ran on to a BPF ring buffer
//  and to a perf buffer. The ring buffer is one buffer shared by all CPUs, so the reader gets the
//  records in the order they were written. The perf buffer is one buffer per CPU, so a reader that
//  drains them one CPU after the other sees the records out of order. When the reader falls behind,
//  a full buffer refuses records: bpf_ringbuf_output returns -EAGAIN and bpf_perf_event_output
//  returns -ENOSPC, and the program counts both in an array map. Run it with a reader that polls
//  every 512 packets and a one-page perf buffer per CPU (the `@poll-every` and `@perf-pages` keys
//  below), and watch what is lost.
// @prog: xdp
// @scenario: iperf
// @seed: 7
// @count: 3000
// @poll-every: 512
// @perf-pages: 1
// @topics: networking, ring-buffer, perf-buffer, events
// @outcome: Every IPv4 UDP datagram is either delivered or counted lost on each side; the ring buffer's records arrive in order and the perf buffer's do not.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct event {
	__u32 seq; // the order in which the program wrote it, over all CPUs
	__u32 cpu;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096); // one page, shared by all CPUs
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, 64); // slot i: CPU i's perf buffer, opened by the reader
} pb SEC(".maps");

enum { LOST_RING, LOST_PERF, SENT };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 3);
} counts SEC(".maps");

static __always_inline void bump(__u32 what)
{
	__u64 *n = bpf_map_lookup_elem(&counts, &what);
	if (n)
		__sync_fetch_and_add(n, 1);
}

SEC("xdp")
int two_buffers(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_UDP)
		return XDP_PASS;

	__u32 key = SENT;
	__u64 *ticket = bpf_map_lookup_elem(&counts, &key);
	if (!ticket)
		return XDP_PASS;
	struct event e = {};
	e.seq = __sync_fetch_and_add(ticket, 1);
	e.cpu = bpf_get_smp_processor_id();
	if (bpf_ringbuf_output(&rb, &e, sizeof(e), 0) < 0)
		bump(LOST_RING);
	if (bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, &e, sizeof(e)) < 0)
		bump(LOST_PERF);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
