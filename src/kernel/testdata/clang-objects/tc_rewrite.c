/* A tc program that rewrites the packet: bpf_skb_store_bytes of the IP TTL with a checksum fix
 * (bpf_l3_csum_replace), a direct write of the UDP destination port, counters in .bss.
 * @run tc_rewrite udp dport=53
 * @run tc_rewrite tcp dport=80
 */
#include "objs.h"
long long res[4];

SEC("tc")
int tc_rewrite(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	if ((void *)(ip + 1) > end)
		return TC_ACT_SHOT;
	__u8 proto = ip->protocol;
	__u16 old = *(__u16 *)&ip->ttl;
	__u8 ttl = ip->ttl - 1;
	__u32 off = sizeof(struct ethhdr) + __builtin_offsetof(struct iphdr, ttl);
	res[0] = bpf_skb_store_bytes(skb, off, &ttl, 1, 0);
	data = (void *)(long)skb->data;
	end = (void *)(long)skb->data_end;
	ip = data + sizeof(struct ethhdr);
	if ((void *)(ip + 1) > end)
		return TC_ACT_SHOT;
	__u16 now = *(__u16 *)&ip->ttl;
	res[1] = bpf_l3_csum_replace(skb, sizeof(struct ethhdr) + __builtin_offsetof(struct iphdr, check), old, now, 2);
	if (proto == IPPROTO_UDP) {
		data = (void *)(long)skb->data;
		end = (void *)(long)skb->data_end;
		struct udphdr *udp = data + sizeof(struct ethhdr) + sizeof(struct iphdr);
		if ((void *)(udp + 1) > end)
			return TC_ACT_SHOT;
		udp->dest = bpf_htons(5353);
		res[2]++;
	}
	return TC_ACT_OK;
}
char LICENSE[] SEC("license") = "GPL";
