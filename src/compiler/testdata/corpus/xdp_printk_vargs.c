// bpf_printk with more than three arguments (libbpf switches to bpf_trace_vprintk and a u64
// array), and with none; the packet's addresses and ports printed, then passed.
// @type: xdp
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("xdp")
int log_flow(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct udphdr *udp = (void *)(ip + 1);

	if ((void *)(udp + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP)) {
		bpf_printk("short or not IPv4");
		return XDP_PASS;
	}
	bpf_printk("%pI4:%d -> %pI4:%d proto %d", &ip->saddr, bpf_ntohs(udp->source),
		   &ip->daddr, bpf_ntohs(udp->dest), ip->protocol);
	return ip->protocol == 17 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
