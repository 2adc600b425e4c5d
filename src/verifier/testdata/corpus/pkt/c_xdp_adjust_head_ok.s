# @type: xdp
# @desc: clang XDP: pop 4 bytes with bpf_xdp_adjust_head, re-check bounds
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     if (bpf_xdp_adjust_head(ctx, 4)) return XDP_PASS;
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     if ((void *)(eth + 1) > end) return XDP_DROP;
#     return eth->h_proto == 0 ? XDP_DROP : XDP_PASS;
#   }
prog:
	r6 = r1
	w2 = 4
	call 44
	r1 = r0
	w0 = 2
	if r1 != 0 goto LBB0_4
	w0 = 1
	w2 = *(u32 *)(r6 + 4)
	w1 = *(u32 *)(r6 + 0)
	r3 = r1
	r3 += 14
	if r3 > r2 goto LBB0_4
	w2 = *(u8 *)(r1 + 12)
	w1 = *(u8 *)(r1 + 13)
	w1 <<= 8
	w1 |= w2
	if w1 == 0 goto LBB0_4
	w0 = 2
LBB0_4:
	exit
