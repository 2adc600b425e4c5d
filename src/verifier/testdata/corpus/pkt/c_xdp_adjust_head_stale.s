# @type: xdp
# @desc: clang XDP: using a packet pointer from before bpf_xdp_adjust_head
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     if ((void *)(eth + 1) > end) return XDP_PASS;
#     if (bpf_xdp_adjust_head(ctx, 4)) return XDP_PASS;
#     return eth->h_proto == 0 ? XDP_DROP : XDP_PASS;
#   }
prog:
	w6 = 2
	w2 = *(u32 *)(r1 + 4)
	w7 = *(u32 *)(r1 + 0)
	r3 = r7
	r3 += 14
	if r3 > r2 goto LBB0_4
	w2 = 4
	call 44
	if r0 != 0 goto LBB0_4
	w1 = *(u8 *)(r7 + 12)
	w2 = *(u8 *)(r7 + 13)
	w2 <<= 8
	w2 |= w1
	w6 = 1
	if w2 == 0 goto LBB0_4
	w6 = 2
LBB0_4:
	w0 = w6
	exit
