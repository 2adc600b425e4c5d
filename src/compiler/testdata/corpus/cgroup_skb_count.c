// cgroup_skb egress: count bytes, allow everything but packets to port 9 (discard).
// @type: cgroup_skb
// @packet: udp 53
// @packet: udp 9
#include <linux/bpf.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} egress_bytes SEC(".maps");

SEC("cgroup_skb/egress")
int count_egress(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&egress_bytes, &key);
	struct iphdr ip;
	struct udphdr udp;

	if (v)
		__sync_fetch_and_add(v, skb->len);
	if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0)
		return 1;
	if (ip.protocol != IPPROTO_UDP)
		return 1;
	if (bpf_skb_load_bytes(skb, ip.ihl * 4, &udp, sizeof(udp)) < 0)
		return 1;
	return udp.dest == bpf_htons(9) ? 0 : 1;
}

char LICENSE[] SEC("license") = "GPL";
