// @title: Socket filter: keep DNS only
// @description: A classic socket filter, the kind tcpdump attaches, written in C. It runs on a
//  packet socket for every packet the host receives and sees each one from the IP header. It
//  keeps UDP datagrams to or from port 53 whole (returns the packet length) and refuses everything
//  else (returns 0). A socket filter cannot read the packet directly: it copies the headers out
//  with bpf_skb_load_bytes.
// @prog: socket
// @scenario: web
// @seed: 7
// @count: 2000
// @topics: networking, socket-filter
// @outcome: The socket receives exactly the scenario's DNS queries and answers, and nothing else.
#include <linux/bpf.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

SEC("socket")
int dns_only(struct __sk_buff *skb)
{
	struct iphdr ip;
	struct udphdr udp;

	// offset 0 is the IP header: a packet socket sees the packet without its Ethernet header
	if (skb->protocol != bpf_htons(0x0800))
		return 0;
	if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0)
		return 0;
	if (ip.protocol != IPPROTO_UDP)
		return 0;
	if (bpf_skb_load_bytes(skb, ip.ihl * 4, &udp, sizeof(udp)) < 0)
		return 0;
	if (udp.source != bpf_htons(53) && udp.dest != bpf_htons(53))
		return 0;
	return skb->len; // keep the whole packet
}

char LICENSE[] SEC("license") = "GPL";
