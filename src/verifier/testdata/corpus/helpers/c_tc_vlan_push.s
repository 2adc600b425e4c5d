# @type: sched_cls
# @desc: clang TC: push a VLAN tag, then re-read data pointers before touching the packet
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     if (bpf_skb_vlan_push(skb, bpf_htons(ETH_P_8021Q), 100)) return TC_ACT_SHOT;
#     void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
#     if (data + 18 > end) return TC_ACT_SHOT;
#     return TC_ACT_OK;
#   }
prog:
	r6 = r1
	w2 = 129
	w3 = 100
	call 18
	r1 = r0
	w0 = 2
	if r1 != 0 goto LBB0_4
	w1 = *(u32 *)(r6 + 80)
	w2 = *(u32 *)(r6 + 76)
	r2 += 18
	w0 = 1
	if r2 > r1 goto LBB0_3
	w0 = 0
LBB0_3:
	w0 <<= 1
LBB0_4:
	exit
