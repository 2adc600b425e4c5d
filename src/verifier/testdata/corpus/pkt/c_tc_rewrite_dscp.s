# @type: sched_cls
# @desc: clang TC: rewrite the IP TOS byte in place (TC may write packet data)
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
#     struct iphdr *ip = data + sizeof(struct ethhdr);
#     if ((void *)(ip + 1) > end) return TC_ACT_OK;
#     ip->tos = 0x10;
#     return TC_ACT_OK;
#   }
prog:
	w2 = *(u32 *)(r1 + 80)
	w1 = *(u32 *)(r1 + 76)
	r3 = r1
	r3 += 34
	if r3 > r2 goto LBB0_2
	*(u8 *)(r1 + 15) = 16
LBB0_2:
	w0 = 0
	exit
