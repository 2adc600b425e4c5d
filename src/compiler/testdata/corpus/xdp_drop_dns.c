// Drop UDP packets to port 53, pass everything else.
// @type: xdp
// @packet: udp 53
// @packet: udp 54
// @packet: tcp 53
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("xdp")
int drop_dns(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	struct udphdr *udph;

	if (data + sizeof(*eth) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	iph = data + sizeof(*eth);
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udph = (void *)iph + iph->ihl * 4;
	if ((void *)(udph + 1) > data_end)
		return XDP_PASS;
	if (udph->dest == bpf_htons(53))
		return XDP_DROP;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
