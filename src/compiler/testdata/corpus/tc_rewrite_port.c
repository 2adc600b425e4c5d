// TC: rewrite UDP destination port 53 to 5353 with bpf_skb_store_bytes and fix the L4 checksum.
// @type: sched_cls
// @packet: udp 53
// @packet: udp 54
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define UDP_DPORT_OFF (ETH_HLEN + sizeof(struct iphdr) + __builtin_offsetof(struct udphdr, dest))
#define UDP_CSUM_OFF (ETH_HLEN + sizeof(struct iphdr) + __builtin_offsetof(struct udphdr, check))

SEC("tc")
int rewrite_port(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = data + ETH_HLEN;
	struct udphdr *udp = (void *)(ip + 1);
	__be16 old_port, new_port = bpf_htons(5353);

	if ((void *)(udp + 1) > data_end)
		return TC_ACT_OK;
	if (ip->protocol != IPPROTO_UDP || ip->ihl != 5)
		return TC_ACT_OK;
	old_port = udp->dest;
	if (old_port != bpf_htons(53))
		return TC_ACT_OK;
	bpf_l4_csum_replace(skb, UDP_CSUM_OFF, old_port, new_port, sizeof(new_port));
	bpf_skb_store_bytes(skb, UDP_DPORT_OFF, &new_port, sizeof(new_port), 0);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
