# @type: xdp
# @desc: clang XDP: variable IP header length used without a bound on ihl (but ihl is 4 bits: accepted)
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct iphdr *ip = data + sizeof(struct ethhdr);
#     if ((void *)(ip + 1) > end) return XDP_PASS;
#     struct tcphdr *tcp = (void *)ip + ip->ihl * 4;
#     if ((void *)(tcp + 1) > end) return XDP_PASS;
#     return tcp->syn ? XDP_DROP : XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 34
	if r3 > r2 goto LBB0_4
	w3 = *(u8 *)(r1 + 14)
	r1 += 14
	r3 <<= 2
	r3 &= 60
	r1 += r3
	r3 = r1
	r3 += 20
	if r3 > r2 goto LBB0_4
	w1 = *(u16 *)(r1 + 12)
	w1 &= 512
	if w1 == 0 goto LBB0_4
	w0 = 1
LBB0_4:
	exit
