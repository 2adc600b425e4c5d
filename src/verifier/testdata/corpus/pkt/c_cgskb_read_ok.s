# @type: cgroup_skb
# @desc: clang cgroup skb: read the IP header (starts at the network header)
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("cgroup_skb/egress") int prog(struct __sk_buff *skb) {
#     void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
#     struct iphdr *ip = data;
#     if ((void *)(ip + 1) > end) return 1;
#     return ip->protocol == IPPROTO_ICMP ? 0 : 1;
#   }
prog:
	w0 = 1
	w2 = *(u32 *)(r1 + 80)
	w1 = *(u32 *)(r1 + 76)
	r3 = r1
	r3 += 20
	if r3 > r2 goto LBB0_3
	w1 = *(u8 *)(r1 + 9)
	if w1 != 1 goto LBB0_3
	w0 = 0
LBB0_3:
	exit
