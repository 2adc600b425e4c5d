# @type: xdp
# @desc: clang XDP: decrement TTL with an incremental checksum update
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     struct iphdr *ip = (void *)(eth + 1);
#     if ((void *)(ip + 1) > end) return XDP_PASS;
#     if (eth->h_proto != bpf_htons(ETH_P_IP)) return XDP_PASS;
#     __u32 check = ip->check;
#     check += bpf_htons(0x0100);
#     ip->check = (__u16)(check + (check >= 0xFFFF));
#     ip->ttl--;
#     return XDP_PASS;
#   }
prog:
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 34
	if r3 > r2 goto LBB0_5
	w2 = *(u8 *)(r1 + 12)
	w3 = *(u8 *)(r1 + 13)
	w3 <<= 8
	w3 |= w2
	if w3 != 8 goto LBB0_5
	w2 = *(u8 *)(r1 + 22)
	w2 += -1
	*(u8 *)(r1 + 22) = w2
	w2 = *(u16 *)(r1 + 24)
	w3 = 1
	if w2 > 65533 goto LBB0_4
	w3 = 0
LBB0_4:
	w2 += w3
	w2 += 1
	*(u16 *)(r1 + 24) = w2
LBB0_5:
	w0 = 2
	exit
