# @type: xdp
# @desc: clang XDP: drop UDP to port 5001, with a variable-length IP header (ihl)
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     if ((void *)(eth + 1) > end) return XDP_PASS;
#     if (eth->h_proto != bpf_htons(ETH_P_IP)) return XDP_PASS;
#     struct iphdr *ip = (void *)(eth + 1);
#     if ((void *)(ip + 1) > end) return XDP_PASS;
#     if (ip->protocol != IPPROTO_UDP) return XDP_PASS;
#     __u32 hl = ip->ihl * 4;
#     if (hl < sizeof(*ip)) return XDP_DROP;
#     struct udphdr *udp = (void *)ip + hl;
#     if ((void *)(udp + 1) > end) return XDP_PASS;
#     if (udp->dest == bpf_htons(5001)) return XDP_DROP;
#     return XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w3 = *(u32 *)(r1 + 0)
	r1 = r3
	r1 += 14
	if r1 > r2 goto LBB0_8
	w4 = *(u8 *)(r3 + 13)
	w4 <<= 8
	w5 = *(u8 *)(r3 + 12)
	w4 |= w5
	if w4 != 8 goto LBB0_8
	r4 = r3
	r4 += 34
	if r4 > r2 goto LBB0_8
	w3 = *(u8 *)(r3 + 23)
	if w3 != 17 goto LBB0_8
	w0 = 1
	w3 = *(u8 *)(r1 + 0)
	w3 <<= 2
	w3 &= 60
	if w3 < 20 goto LBB0_8
	r1 += r3
	r3 = r1
	r3 += 8
	w0 = 2
	if r3 > r2 goto LBB0_8
	w1 = *(u16 *)(r1 + 2)
	w0 = 1
	if w1 == 35091 goto LBB0_8
	w0 = 2
LBB0_8:
	exit
