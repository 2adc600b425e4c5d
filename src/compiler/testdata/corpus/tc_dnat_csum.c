// TC destination NAT of UDP:5001 to 10.0.0.99:8080 with bpf_l3/l4_csum_replace and
// bpf_skb_store_bytes, as tc programs rewrite packets; sets mark and priority.
// @type: sched_cls
// @packet: udp 5001
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/tcp.h>
#include <linux/in.h>
#include <stddef.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define IP_CSUM_OFF (ETH_HLEN + offsetof(struct iphdr, check))
#define IP_DST_OFF (ETH_HLEN + offsetof(struct iphdr, daddr))
#define UDP_CSUM_OFF (ETH_HLEN + sizeof(struct iphdr) + offsetof(struct udphdr, check))
#define UDP_DPORT_OFF (ETH_HLEN + sizeof(struct iphdr) + offsetof(struct udphdr, dest))
#define IS_PSEUDO 0x10

SEC("tc")
int dnat(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	if ((void *)(ip + 1) > data_end) return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || ip->protocol != IPPROTO_UDP || ip->ihl != 5) return TC_ACT_OK;
	struct udphdr *udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > data_end) return TC_ACT_OK;
	if (udp->dest != bpf_htons(5001)) return TC_ACT_OK;
	__be32 old_ip = ip->daddr;
	__be32 new_ip = bpf_htonl(0x0a000063);
	__be16 old_port = udp->dest;
	__be16 new_port = bpf_htons(8080);
	bpf_l4_csum_replace(skb, UDP_CSUM_OFF, old_ip, new_ip, IS_PSEUDO | sizeof(new_ip));
	bpf_l3_csum_replace(skb, IP_CSUM_OFF, old_ip, new_ip, sizeof(new_ip));
	bpf_skb_store_bytes(skb, IP_DST_OFF, &new_ip, sizeof(new_ip), 0);
	bpf_l4_csum_replace(skb, UDP_CSUM_OFF, old_port, new_port, sizeof(new_port));
	bpf_skb_store_bytes(skb, UDP_DPORT_OFF, &new_port, sizeof(new_port), 0);
	skb->mark = 0x42;
	skb->priority = 3;
	return TC_ACT_OK;
}
char _license[] SEC("license") = "GPL";
