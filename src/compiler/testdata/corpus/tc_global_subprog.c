// A global (non-static) __noinline function verified on its own with a struct __sk_buff * argument,
// a static __noinline with int parameters in a switch, and a global int in .bss.
// @type: sched_cls
// @packet: udp 5001
// @packet: tcp 80
// @packet: icmp
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

__noinline int parse_proto(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	if (skb == 0)
		return -1;
	if ((void *)(ip + 1) > data_end)
		return -1;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return -2;
	return ip->protocol;
}

static __noinline int weight(int proto, int len)
{
	switch (proto) {
	case 6: return len * 2;
	case 17: return len + 100;
	default: return 1;
	}
}

int total = 0;

SEC("tc")
int tc_global(struct __sk_buff *skb)
{
	int p = parse_proto(skb);
	if (p < 0)
		return TC_ACT_OK;
	total += weight(p, skb->len);
	return total > 150 ? TC_ACT_SHOT : TC_ACT_OK;
}
char _license[] SEC("license") = "GPL";
