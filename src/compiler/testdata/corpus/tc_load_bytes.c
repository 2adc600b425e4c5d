// TC: read the IPv4 header with bpf_skb_load_bytes into a stack struct and record fields.
// @type: sched_cls
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 16);
} seen SEC(".maps");

SEC("tc")
int tc_load(struct __sk_buff *skb)
{
	struct iphdr ip;
	__u32 key, val;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if (bpf_skb_load_bytes(skb, ETH_HLEN, &ip, sizeof(ip)) < 0)
		return TC_ACT_SHOT;
	key = ip.protocol;
	val = bpf_ntohs(ip.tot_len) + (ip.ttl << 16);
	bpf_map_update_elem(&seen, &key, &val, BPF_ANY);
	return ip.ttl > 32 ? TC_ACT_OK : TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
