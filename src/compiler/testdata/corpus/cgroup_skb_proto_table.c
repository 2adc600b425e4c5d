// cgroup_skb egress accounting: bpf_skb_load_bytes of the IP header into a stack struct, then a
// bounds-checked ternary index into a const table (the compared load must be the one that indexes,
// or the verifier sees an unbounded index).
// @type: cgroup_skb
// @packet: udp 5001
// @packet: tcp 80
// @packet: icmp
#include <linux/bpf.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

struct stats { __u64 pkts; __u64 bytes; __u64 by_proto[4]; };
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct stats);
	__uint(max_entries, 1);
} egress_stats SEC(".maps");

static const __u8 proto_slot[] = { [IPPROTO_ICMP] = 1, [IPPROTO_TCP] = 2, [IPPROTO_UDP] = 3 };

SEC("cgroup_skb/egress")
int count_egress(struct __sk_buff *skb)
{
	__u32 zero = 0;
	struct stats *s = bpf_map_lookup_elem(&egress_stats, &zero);
	struct iphdr iph;
	if (!s)
		return 1;
	s->pkts++;
	s->bytes += skb->len;
	if (skb->protocol != bpf_htons(0x0800))
		return 1;
	if (bpf_skb_load_bytes(skb, 0, &iph, sizeof(iph)) < 0)
		return 1;
	__u8 slot = iph.protocol < sizeof(proto_slot) ? proto_slot[iph.protocol] : 0;
	s->by_proto[slot & 3]++;
	return iph.protocol == IPPROTO_TCP ? 0 : 1;
}
char _license[] SEC("license") = "GPL";
