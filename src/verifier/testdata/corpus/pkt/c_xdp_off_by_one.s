# @type: xdp
# @desc: clang XDP: bounds check covers the ethernet header, but the code reads the IP protocol byte
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     if ((void *)(eth + 1) > end) return XDP_PASS;
#     struct iphdr *ip = (void *)(eth + 1);
#     return ip->protocol == IPPROTO_UDP ? XDP_DROP : XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 14
	if r3 > r2 goto LBB0_3
	w1 = *(u8 *)(r1 + 23)
	w0 = 1
	if w1 == 17 goto LBB0_3
	w0 = 2
LBB0_3:
	exit
