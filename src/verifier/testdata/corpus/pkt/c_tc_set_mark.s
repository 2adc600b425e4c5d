# @type: sched_cls
# @desc: clang TC: mark TCP packets to port 80 after parsing with direct packet access
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
#     struct ethhdr *eth = data;
#     if ((void *)(eth + 1) > end) return TC_ACT_OK;
#     if (eth->h_proto != bpf_htons(ETH_P_IP)) return TC_ACT_OK;
#     struct iphdr *ip = (void *)(eth + 1);
#     if ((void *)(ip + 1) > end) return TC_ACT_OK;
#     if (ip->protocol != IPPROTO_TCP) return TC_ACT_OK;
#     struct tcphdr *tcp = (void *)(ip + 1);
#     if ((void *)(tcp + 1) > end) return TC_ACT_OK;
#     if (tcp->dest == bpf_htons(80)) skb->mark = 0x80;
#     return TC_ACT_OK;
#   }
prog:
	w3 = *(u32 *)(r1 + 80)
	w2 = *(u32 *)(r1 + 76)
	r4 = r2
	r4 += 14
	if r4 > r3 goto LBB0_7
	w4 = *(u8 *)(r2 + 13)
	w4 <<= 8
	w5 = *(u8 *)(r2 + 12)
	w4 |= w5
	if w4 != 8 goto LBB0_7
	r4 = r2
	r4 += 34
	if r4 > r3 goto LBB0_7
	w4 = *(u8 *)(r2 + 23)
	if w4 != 6 goto LBB0_7
	r4 = r2
	r4 += 54
	if r4 > r3 goto LBB0_7
	w2 = *(u16 *)(r2 + 36)
	if w2 != 20480 goto LBB0_7
	*(u32 *)(r1 + 8) = 128
LBB0_7:
	w0 = 0
	exit
