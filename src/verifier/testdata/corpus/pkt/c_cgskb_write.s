# @type: cgroup_skb
# @desc: clang cgroup skb: writing packet data (cgroup skb may only read)
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("cgroup_skb/egress") int prog(struct __sk_buff *skb) {
#     void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
#     struct iphdr *ip = data;
#     if ((void *)(ip + 1) > end) return 1;
#     ip->tos = 0;
#     return 1;
#   }
prog:
	w2 = *(u32 *)(r1 + 80)
	w1 = *(u32 *)(r1 + 76)
	r3 = r1
	r3 += 20
	if r3 > r2 goto LBB0_2
	*(u8 *)(r1 + 1) = 0
LBB0_2:
	w0 = 1
	exit
