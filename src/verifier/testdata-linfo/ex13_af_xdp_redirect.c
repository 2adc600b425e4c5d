// @title: AF_XDP: hand UDP port 5001 to a user-space socket
// @description: The first half of an AF_XDP application. The XDP program looks at each packet on
//  the receive queue and redirects UDP datagrams to port 5001 into an xskmap, at the slot of the
//  queue the packet arrived on, where user space has bound one AF_XDP socket per queue (as
//  xdpsock does). Those frames skip the kernel's network stack entirely and land in the socket's
//  ring; everything else goes up the stack. The third argument of bpf_redirect_map is what to
//  return when the slot is empty: XDP_PASS.
// @prog: xdp
// @scenario: iperf
// @seed: 7
// @count: 5000
// @topics: networking, af_xdp, redirect, maps
// @outcome: The AF_XDP sockets receive exactly the scenario's IPv4 UDP datagrams to port 5001; every other packet passes.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_XSKMAP);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 64);
} xsks SEC(".maps");

SEC("xdp")
int xsk_redirect(struct xdp_md *ctx)
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
	struct udphdr *udp = (void *)ip + ip->ihl * 4;
	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	if (udp->dest != bpf_htons(5001))
		return XDP_PASS;

	// one socket per RX queue: the slot is the queue the packet came in on
	return bpf_redirect_map(&xsks, ctx->rx_queue_index, XDP_PASS);
}

char LICENSE[] SEC("license") = "GPL";
