// Ring buffer events: reserve, fill, submit (or discard) one record per packet.
// @type: xdp
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

struct event {
	__u32 saddr;
	__u32 len;
	__u8 proto;
	__u8 pad[7];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("xdp")
int xdp_events(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	struct event *e;

	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return XDP_PASS;
	e->saddr = ip->saddr;
	e->len = data_end - data;
	e->proto = ip->protocol;
	if (e->proto == 1) {
		bpf_ringbuf_discard(e, 0);
		return XDP_DROP;
	}
	bpf_ringbuf_submit(e, 0);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
