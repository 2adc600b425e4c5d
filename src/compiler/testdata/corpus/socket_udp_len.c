// Socket filter: keep UDP packets (truncated to 64 bytes), drop the rest.
// @type: socket_filter
// @packet: udp 53
// @packet: tcp 80
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <bpf/bpf_helpers.h>

SEC("socket")
int udp_only(struct __sk_buff *skb)
{
	__u8 proto;

	if (bpf_skb_load_bytes(skb, __builtin_offsetof(struct iphdr, protocol), &proto, 1) < 0)
		return 0;
	if (proto != IPPROTO_UDP)
		return 0;
	return skb->len < 64 ? skb->len : 64;
}

char LICENSE[] SEC("license") = "GPL";
