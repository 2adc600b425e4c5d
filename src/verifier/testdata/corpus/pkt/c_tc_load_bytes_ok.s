# @type: sched_cls
# @desc: clang TC: copy the IP header with bpf_skb_load_bytes instead of direct access
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     struct iphdr ip;
#     if (bpf_skb_load_bytes(skb, sizeof(struct ethhdr), &ip, sizeof(ip))) return TC_ACT_OK;
#     return ip.ttl == 1 ? TC_ACT_SHOT : TC_ACT_OK;
#   }
prog:
	r3 = r10
	r3 += -20
	w2 = 14
	w4 = 20
	call 26
	r1 = r0
	w0 = 0
	if r1 != 0 goto LBB0_4
	w0 = 1
	w1 = *(u8 *)(r10 - 12)
	if w1 == 1 goto LBB0_3
	w0 = 0
LBB0_3:
	w0 <<= 1
LBB0_4:
	exit
