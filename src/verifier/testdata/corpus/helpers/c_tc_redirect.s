# @type: sched_cls
# @desc: clang TC: redirect to ifindex 2 and return the helper result
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     if (skb->protocol != bpf_htons(ETH_P_IP)) return TC_ACT_OK;
#     return bpf_redirect(2, 0);
#   }
prog:
	w0 = 0
	w1 = *(u32 *)(r1 + 16)
	if w1 != 8 goto LBB0_2
	w1 = 2
	r2 = 0
	call 23
LBB0_2:
	exit
