# @type: xdp
# @desc: clang XDP: make room for metadata with bpf_xdp_adjust_meta, then reload pointers
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     if (bpf_xdp_adjust_meta(ctx, -(int)sizeof(__u32))) return XDP_PASS;
#     void *data = (void *)(long)ctx->data;
#     __u32 *meta = (void *)(long)ctx->data_meta;
#     if ((void *)(meta + 1) > data) return XDP_PASS;
#     *meta = 42;
#     return XDP_PASS;
#   }
prog:
	r6 = r1
	w2 = -4
	call 54
	if r0 != 0 goto LBB0_3
	w2 = *(u32 *)(r6 + 0)
	w1 = *(u32 *)(r6 + 8)
	r3 = r1
	r3 += 4
	if r3 > r2 goto LBB0_3
	*(u32 *)(r1 + 0) = 42
LBB0_3:
	w0 = 2
	exit
