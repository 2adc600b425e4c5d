# @type: socket_filter
# @desc: clang socket filter: accept only UDP, read with bpf_skb_load_bytes
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("socket") int prog(struct __sk_buff *skb) {
#     __u8 proto;
#     if (bpf_skb_load_bytes(skb, 9, &proto, 1)) return 0;
#     return proto == IPPROTO_UDP ? skb->len : 0;
#   }
prog:
	r6 = r1
	r3 = r10
	r3 += -1
	w2 = 9
	w4 = 1
	call 26
	r1 = r0
	w0 = 0
	if r1 != 0 goto LBB0_3
	w1 = *(u8 *)(r10 - 1)
	if w1 != 17 goto LBB0_3
	w0 = *(u32 *)(r6 + 0)
LBB0_3:
	exit
