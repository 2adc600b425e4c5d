// TC: drop ICMP echo requests, count them.
// @type: sched_cls
// @packet: icmp
// @packet: udp 53
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ICMP_ECHO 8

struct icmp_hdr {
	__u8 type;
	__u8 code;
	__u16 checksum;
	__u32 rest;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, int);
	__type(value, long);
	__uint(max_entries, 2);
} drops SEC(".maps");

SEC("tc")
int tc_drop_icmp(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct icmp_hdr *icmp;
	int idx = 0;
	long *cnt;

	if (data + sizeof(*eth) + sizeof(*ip) + sizeof(*icmp) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	ip = data + sizeof(*eth);
	if (ip->protocol != IPPROTO_ICMP || ip->ihl != 5)
		return TC_ACT_OK;
	icmp = data + sizeof(*eth) + sizeof(*ip);
	if (icmp->type != ICMP_ECHO)
		return TC_ACT_OK;
	cnt = bpf_map_lookup_elem(&drops, &idx);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
