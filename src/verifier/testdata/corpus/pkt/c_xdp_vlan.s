# @type: xdp
# @desc: clang XDP: skip one VLAN tag before the IP header
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct vlan_hdr { __be16 tci; __be16 proto; };
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     __u64 off = sizeof(*eth);
#     if (data + off > end) return XDP_PASS;
#     __u16 proto = eth->h_proto;
#     if (proto == bpf_htons(ETH_P_8021Q)) {
#       struct vlan_hdr *vh = data + off;
#       off += sizeof(*vh);
#       if (data + off > end) return XDP_PASS;
#       proto = vh->proto;
#     }
#     if (proto != bpf_htons(ETH_P_IP)) return XDP_PASS;
#     struct iphdr *ip = data + off;
#     if ((void *)(ip + 1) > end) return XDP_PASS;
#     return ip->ttl <= 1 ? XDP_DROP : XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 14
	if r3 > r2 goto LBB0_8
	w4 = *(u8 *)(r1 + 12)
	w3 = *(u8 *)(r1 + 13)
	w3 <<= 8
	w3 |= w4
	r4 = 14
	if w3 != 129 goto LBB0_4
	r3 = r1
	r3 += 18
	if r3 > r2 goto LBB0_8
	r4 = 18
	w3 = *(u16 *)(r1 + 16)
LBB0_4:
	if w3 != 8 goto LBB0_8
	r1 += r4
	r3 = r1
	r3 += 20
	if r3 > r2 goto LBB0_8
	w1 = *(u8 *)(r1 + 8)
	w0 = 1
	if w1 < 2 goto LBB0_8
	w0 = 2
LBB0_8:
	exit
