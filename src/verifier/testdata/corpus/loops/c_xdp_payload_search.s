# @type: xdp
# @desc: clang XDP: search 64 payload bytes for a marker byte; the loop variable is rebounded each round
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     __u8 *p = data + 42;
#   #pragma clang loop unroll(disable)
#     for (__u32 i = 0; i < 64; i++) {
#       if ((void *)(p + i + 1) > end) return XDP_PASS;
#       if (p[i] == 0x7f) return XDP_DROP;
#     }
#     return XDP_PASS;
#   }
prog:
	r2 = 0
	w3 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	goto LBB0_2
LBB0_1:
	r2 += 1
	w0 = 2
	if r2 == 64 goto LBB0_4
LBB0_2:
	r4 = r1
	r4 += r2
	r5 = r4
	r5 += 43
	w0 = 2
	if r5 > r3 goto LBB0_4
	w0 = 1
	w4 = *(u8 *)(r4 + 42)
	if w4 != 127 goto LBB0_1
LBB0_4:
	exit
