# @type: xdp
# @desc: clang XDP: checksum of the first 32 payload bytes in a bounded loop, each byte bounds-checked
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     __u8 *p = data;
#     __u32 sum = 0;
#   #pragma clang loop unroll(disable)
#     for (int i = 0; i < 32; i++) {
#       if ((void *)(p + i + 1) > end) break;
#       sum += p[i];
#     }
#     return sum & 1 ? XDP_DROP : XDP_PASS;
#   }
prog:
	w2 = 0
	r3 = 0
	w4 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
LBB0_1:
	r5 = r1
	r5 += r3
	r0 = r5
	r0 += 1
	if r0 > r4 goto LBB0_3
	w5 = *(u8 *)(r5 + 0)
	w2 += w5
	r3 += 1
	if r3 != 32 goto LBB0_1
LBB0_3:
	w2 &= 1
	w0 = 2
	if w2 == 0 goto LBB0_5
	w0 = 1
LBB0_5:
	exit
