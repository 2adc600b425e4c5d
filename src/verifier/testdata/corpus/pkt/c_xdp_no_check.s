# @type: xdp
# @desc: clang XDP: reading the ethernet type with no data_end check at all
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     struct ethhdr *eth = (void *)(long)ctx->data;
#     return eth->h_proto == bpf_htons(ETH_P_ARP) ? XDP_DROP : XDP_PASS;
#   }
prog:
	w1 = *(u32 *)(r1 + 0)
	w2 = *(u8 *)(r1 + 12)
	w1 = *(u8 *)(r1 + 13)
	w1 <<= 8
	w1 |= w2
	w0 = 1
	if w1 == 1544 goto LBB0_2
	w0 = 2
LBB0_2:
	exit
