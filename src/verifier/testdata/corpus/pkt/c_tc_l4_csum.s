# @type: sched_cls
# @desc: clang TC: rewrite the TCP destination port with bpf_skb_store_bytes and fix the checksum with bpf_l4_csum_replace
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("tc") int prog(struct __sk_buff *skb) {
#     void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
#     struct tcphdr *tcp = data + sizeof(struct ethhdr) + sizeof(struct iphdr);
#     if ((void *)(tcp + 1) > end) return TC_ACT_OK;
#     __be16 old = tcp->dest, new = bpf_htons(8080);
#     if (old != bpf_htons(80)) return TC_ACT_OK;
#     int off = sizeof(struct ethhdr) + sizeof(struct iphdr);
#     bpf_l4_csum_replace(skb, off + offsetof(struct tcphdr, check), old, new, sizeof(new));
#     bpf_skb_store_bytes(skb, off + offsetof(struct tcphdr, dest), &new, sizeof(new), 0);
#     return TC_ACT_OK;
#   }
prog:
	w3 = *(u32 *)(r1 + 80)
	w2 = *(u32 *)(r1 + 76)
	r4 = r2
	r4 += 54
	if r4 > r3 goto LBB0_3
	w2 = *(u16 *)(r2 + 36)
	*(u16 *)(r10 - 2) = 36895
	if w2 != 20480 goto LBB0_3
	r6 = r1
	w2 = 50
	r3 = 20480
	r4 = 36895
	r5 = 2
	call 11
	r3 = r10
	r3 += -2
	r1 = r6
	w2 = 36
	w4 = 2
	r5 = 0
	call 9
LBB0_3:
	w0 = 0
	exit
