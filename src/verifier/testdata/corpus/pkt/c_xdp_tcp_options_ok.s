# @type: xdp
# @desc: clang XDP: walk up to 10 TCP options with a bounds check for each
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     __u8 *p = data + 54;
#     int found = 0;
#   #pragma clang loop unroll(disable)
#     for (int i = 0; i < 10; i++) {
#       if ((void *)(p + 2) > end) break;
#       if (p[0] == 0) break;
#       if (p[0] == 1) { p++; continue; }
#       if (p[0] == 2) found = 1;
#       __u8 len = p[1];
#       if (len < 2) break;
#       p += len;
#     }
#     return found ? XDP_DROP : XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 56
	if r3 > r2 goto LBB0_12
	w3 = 0
	r1 += 54
	w4 = 0
	goto LBB0_2
LBB0_7:
	w5 = *(u8 *)(r1 + 1)
	r1 += r5
	if r5 < 2 goto LBB0_10
LBB0_8:
	if w3 > 8 goto LBB0_10
	r5 = r1
	r5 += 2
	w3 += 1
	if r5 <= r2 goto LBB0_2
LBB0_10:
	w0 = 2
	if w4 == 0 goto LBB0_12
	w0 = 1
	goto LBB0_12
LBB0_2:
	w5 = *(u8 *)(r1 + 0)
	if w5 == 1 goto LBB0_5
	if w5 == 2 goto LBB0_6
	if w5 == 0 goto LBB0_10
	goto LBB0_7
LBB0_6:
	w4 = 1
	goto LBB0_7
LBB0_5:
	r1 += 1
	goto LBB0_8
LBB0_12:
	exit
