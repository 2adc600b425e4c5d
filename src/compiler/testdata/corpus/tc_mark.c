// TC classifier: mark packets by destination port class, pass everything.
// @type: sched_cls
// @packet: udp 53
// @packet: tcp 8080
// @packet: tcp 22
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
} last_mark SEC(".maps");

SEC("tc")
int tc_mark(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	__u16 dport = 0;

	if ((void *)(ip + 1) > data_end)
		return TC_ACT_OK;
	if (ip->protocol == IPPROTO_TCP) {
		struct tcphdr *tcp = (void *)(ip + 1);
		if ((void *)(tcp + 1) > data_end)
			return TC_ACT_OK;
		dport = bpf_ntohs(tcp->dest);
	} else if (ip->protocol == IPPROTO_UDP) {
		struct udphdr *udp = (void *)(ip + 1);
		if ((void *)(udp + 1) > data_end)
			return TC_ACT_OK;
		dport = bpf_ntohs(udp->dest);
	}
	skb->mark = dport < 1024 ? 1 : dport < 49152 ? 2 : 3;
	__u32 zero = 0;
	__u32 *m = bpf_map_lookup_elem(&last_mark, &zero);
	if (m)
		*m = skb->mark | (dport << 8);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
