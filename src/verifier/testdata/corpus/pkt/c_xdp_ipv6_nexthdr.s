# @type: xdp
# @desc: clang XDP: IPv6 next header check
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     if ((void *)(eth + 1) > end) return XDP_PASS;
#     if (eth->h_proto != bpf_htons(ETH_P_IPV6)) return XDP_PASS;
#     struct ipv6hdr *ip6 = (void *)(eth + 1);
#     if ((void *)(ip6 + 1) > end) return XDP_PASS;
#     if (ip6->nexthdr == IPPROTO_ICMPV6) return XDP_DROP;
#     return XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 14
	if r3 > r2 goto LBB0_5
	w3 = *(u8 *)(r1 + 13)
	w3 <<= 8
	w4 = *(u8 *)(r1 + 12)
	w3 |= w4
	if w3 != 56710 goto LBB0_5
	r3 = r1
	r3 += 54
	if r3 > r2 goto LBB0_5
	w1 = *(u8 *)(r1 + 20)
	w0 = 1
	if w1 == 58 goto LBB0_5
	w0 = 2
LBB0_5:
	exit
