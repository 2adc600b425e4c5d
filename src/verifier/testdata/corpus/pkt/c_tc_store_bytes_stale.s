# @type: sched_cls
# @desc: clang TC: packet pointer used after bpf_skb_store_bytes invalidated it
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
#     struct ethhdr *eth = data;
#     if ((void *)(eth + 1) > end) return TC_ACT_OK;
#     __u8 mac[6] = {1, 2, 3, 4, 5, 6};
#     bpf_skb_store_bytes(skb, 0, mac, 6, 0);
#     return eth->h_proto ? TC_ACT_OK : TC_ACT_SHOT;
#   }
prog:
	w0 = 0
	w2 = *(u32 *)(r1 + 80)
	w6 = *(u32 *)(r1 + 76)
	r3 = r6
	r3 += 14
	if r3 > r2 goto LBB0_4
	*(u16 *)(r10 - 4) = 1541
	*(u32 *)(r10 - 8) = 67305985
	r3 = r10
	r3 += -8
	w2 = 0
	w4 = 6
	r5 = 0
	call 9
	w1 = *(u8 *)(r6 + 12)
	w2 = *(u8 *)(r6 + 13)
	w2 <<= 8
	w2 |= w1
	w0 = 1
	if w2 == 0 goto LBB0_3
	w0 = 0
LBB0_3:
	w0 <<= 1
LBB0_4:
	exit
