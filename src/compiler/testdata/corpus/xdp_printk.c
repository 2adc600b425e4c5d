// bpf_printk from XDP (trace_pipe output is not compared; the verdicts are).
// @type: xdp
// @packet: udp 53
// @packet: icmp
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_log(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);

	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	bpf_printk("proto %d ttl %d", ip->protocol, ip->ttl);
	if (ip->protocol == 1)
		bpf_printk("icmp from %x", ip->saddr);
	return ip->ttl > 10 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
