# @type: xdp
# @desc: clang XDP: index into the packet by a value read from the packet, unchecked
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     __u8 *p = data;
#     if ((void *)(p + 1) > end) return XDP_PASS;
#     __u8 idx = p[0];
#     if ((void *)(p + 64) > end) return XDP_PASS;
#     return p[idx] ? XDP_DROP : XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 0)
	w1 = *(u32 *)(r1 + 4)
	r3 = r2
	r3 += 1
	if r3 > r1 goto LBB0_4
	r3 = r2
	r3 += 64
	if r3 > r1 goto LBB0_4
	w1 = *(u8 *)(r2 + 0)
	r2 += r1
	w1 = *(u8 *)(r2 + 0)
	if w1 == 0 goto LBB0_4
	w0 = 1
LBB0_4:
	exit
