// Lesson 10: ring buffers. Send one event per packet (its length) to user space.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct event {
	__u32 len;
	__u32 queue;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("xdp")
int report(struct xdp_md *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return XDP_PASS;
	e->len = ctx->data_end - ctx->data;
	e->queue = ctx->rx_queue_index;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
