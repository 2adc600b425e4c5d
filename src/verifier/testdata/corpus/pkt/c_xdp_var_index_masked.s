# @type: xdp
# @desc: clang XDP: a packet-derived index masked to 63, inside a checked 64-byte range
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     __u8 *p = data;
#     if ((void *)(p + 64) > end) return XDP_PASS;
#     __u8 idx = p[0] & 63;
#     return p[idx] ? XDP_DROP : XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 64
	if r3 > r2 goto LBB0_3
	w2 = *(u8 *)(r1 + 0)
	r2 &= 63
	r1 += r2
	w1 = *(u8 *)(r1 + 0)
	if w1 == 0 goto LBB0_3
	w0 = 1
LBB0_3:
	exit
