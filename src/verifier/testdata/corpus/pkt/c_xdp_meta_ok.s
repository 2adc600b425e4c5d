# @type: xdp
# @desc: clang XDP: read metadata in front of the packet after a data_meta check
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data;
#     __u32 *meta = (void *)(long)ctx->data_meta;
#     if ((void *)(meta + 1) > data) return XDP_PASS;
#     return *meta == 1 ? XDP_DROP : XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 0)
	w1 = *(u32 *)(r1 + 8)
	r3 = r1
	r3 += 4
	if r3 > r2 goto LBB0_3
	w1 = *(u32 *)(r1 + 0)
	w0 = 1
	if w1 == 1 goto LBB0_3
	w0 = 2
LBB0_3:
	exit
