# @type: xdp
# @desc: clang XDP: skip a TCP header of packet-given length (doff is 4 bits, so the offset is bounded by 60) and re-check
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct tcphdr *tcp = data + sizeof(struct ethhdr) + sizeof(struct iphdr);
#     if ((void *)(tcp + 1) > end) return XDP_PASS;
#     __u8 *payload = (__u8 *)tcp + tcp->doff * 4;
#     if ((void *)(payload + 1) > end) return XDP_PASS;
#     return payload[0] == 0x16 ? XDP_DROP : XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 54
	if r3 > r2 goto LBB0_4
	w3 = *(u16 *)(r1 + 46)
	r3 >>= 2
	r3 &= 60
	r1 += r3
	r3 = r1
	r3 += 35
	if r3 > r2 goto LBB0_4
	r1 += 34
	w1 = *(u8 *)(r1 + 0)
	w0 = 1
	if w1 == 22 goto LBB0_4
	w0 = 2
LBB0_4:
	exit
