// @title: TC egress: mark iperf replies with DSCP EF
// @description: A tc program on the egress hook sees every packet the host sends. This one finds
//  IPv4 UDP datagrams leaving from port 5001 (the host's iperf replies) and rewrites their
//  DSCP to Expedited Forwarding (46, TOS byte 0xb8), so routers downstream queue them first.
//  Changing a byte of the IP header breaks its checksum: bpf_l3_csum_replace fixes it
//  incrementally (RFC 1624) from the old and the new 16-bit word. A counter in an array map
//  tallies the rewrites; every packet continues with TC_ACT_OK.
// @prog: tc
// @scenario: iperf
// @seed: 7
// @count: 3000
// @topics: networking, tc, checksums, maps
// @outcome: Exactly the replies from UDP port 5001 leave with TOS 0xb8 and a valid IP checksum; the counter equals their number.
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define IP_OFF sizeof(struct ethhdr)
#define TOS_OFF (IP_OFF + 1)
#define CSUM_OFF (IP_OFF + 10)

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} rewritten SEC(".maps");

SEC("tc/egress")
int dscp_ef(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	struct iphdr *ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return TC_ACT_OK;
	if (ip->protocol != IPPROTO_UDP || ip->ihl != 5)
		return TC_ACT_OK;
	struct udphdr *udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > data_end)
		return TC_ACT_OK;
	if (udp->source != bpf_htons(5001))
		return TC_ACT_OK;

	// the 16-bit word holding version/ihl and TOS, before and after
	__u16 old_word = *(__u16 *)ip;
	__u8 tos = 0xb8;
	bpf_skb_store_bytes(skb, TOS_OFF, &tos, 1, 0);
	data = (void *)(long)skb->data;
	data_end = (void *)(long)skb->data_end;
	ip = data + IP_OFF;
	if ((void *)(ip + 1) > data_end)
		return TC_ACT_OK;
	__u16 new_word = *(__u16 *)ip;
	bpf_l3_csum_replace(skb, CSUM_OFF, old_word, new_word, 2);

	__u32 key = 0;
	__u64 *n = bpf_map_lookup_elem(&rewritten, &key);
	if (n)
		__sync_fetch_and_add(n, 1);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
