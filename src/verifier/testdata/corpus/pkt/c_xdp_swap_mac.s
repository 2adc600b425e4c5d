# @type: xdp
# @desc: clang XDP: swap source and destination MAC and bounce the frame (packet writes)
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     if ((void *)(eth + 1) > end) return XDP_PASS;
#     unsigned char tmp[ETH_ALEN];
#     __builtin_memcpy(tmp, eth->h_source, ETH_ALEN);
#     __builtin_memcpy(eth->h_source, eth->h_dest, ETH_ALEN);
#     __builtin_memcpy(eth->h_dest, tmp, ETH_ALEN);
#     return XDP_TX;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 14
	if r3 > r2 goto LBB0_2
	w2 = *(u8 *)(r1 + 11)
	w2 <<= 8
	w3 = *(u8 *)(r1 + 10)
	w2 |= w3
	*(u16 *)(r10 - 4) = w2
	w2 = *(u8 *)(r1 + 7)
	w2 <<= 8
	w3 = *(u8 *)(r1 + 6)
	w2 |= w3
	w3 = *(u8 *)(r1 + 8)
	w3 <<= 16
	w4 = *(u8 *)(r1 + 9)
	w4 <<= 24
	w4 |= w3
	w4 |= w2
	*(u32 *)(r10 - 8) = w4
	w2 = *(u8 *)(r1 + 2)
	*(u8 *)(r1 + 8) = w2
	w2 = *(u8 *)(r1 + 3)
	*(u8 *)(r1 + 9) = w2
	w2 = *(u8 *)(r1 + 0)
	*(u8 *)(r1 + 6) = w2
	w2 = *(u8 *)(r1 + 1)
	*(u8 *)(r1 + 7) = w2
	w2 = *(u8 *)(r1 + 4)
	*(u8 *)(r1 + 10) = w2
	w2 = *(u8 *)(r1 + 5)
	*(u8 *)(r1 + 11) = w2
	w2 = *(u32 *)(r10 - 8)
	w3 = w2
	w3 >>= 16
	*(u8 *)(r1 + 2) = w3
	w3 = w2
	w3 >>= 24
	*(u8 *)(r1 + 3) = w3
	*(u8 *)(r1 + 0) = w2
	w2 >>= 8
	*(u8 *)(r1 + 1) = w2
	w2 = *(u16 *)(r10 - 4)
	*(u8 *)(r1 + 4) = w2
	w2 >>= 8
	*(u8 *)(r1 + 5) = w2
	w0 = 3
LBB0_2:
	exit
