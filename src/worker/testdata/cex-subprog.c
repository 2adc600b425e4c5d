// The IHL program with the TCP port read in a bpf-to-bpf function: the rejected access is in frame 1.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

static __noinline int port_of(struct iphdr *ip, void *data_end)
{
	struct tcphdr *tcp = (void *)ip + ip->ihl * 4;
	return tcp->dest;
}

SEC("xdp")
int tcp_port(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	if ((void *)ip + sizeof(*ip) + sizeof(struct tcphdr) > data_end)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_TCP)
		return XDP_PASS;
	return port_of(ip, data_end) == bpf_htons(80) ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
