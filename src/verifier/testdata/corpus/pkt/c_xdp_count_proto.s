# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: clang XDP: parse eth+ip, count per IP protocol in a hash map
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 1024); } counts SEC(".maps");
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     if ((void *)(eth + 1) > end) return XDP_PASS;
#     if (eth->h_proto != bpf_htons(ETH_P_IP)) return XDP_PASS;
#     struct iphdr *ip = (void *)(eth + 1);
#     if ((void *)(ip + 1) > end) return XDP_PASS;
#     __u32 key = ip->protocol;
#     __u64 *v = bpf_map_lookup_elem(&counts, &key);
#     if (v) __sync_fetch_and_add(v, 1);
#     else { __u64 one = 1; bpf_map_update_elem(&counts, &key, &one, BPF_ANY); }
#     return XDP_PASS;
#   }
prog:
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 14
	if r3 > r2 goto LBB0_6
	w3 = *(u8 *)(r1 + 13)
	w3 <<= 8
	w4 = *(u8 *)(r1 + 12)
	w3 |= w4
	if w3 != 8 goto LBB0_6
	r3 = r1
	r3 += 34
	if r3 > r2 goto LBB0_6
	w1 = *(u8 *)(r1 + 23)
	*(u32 *)(r10 - 4) = w1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto LBB0_5
	r1 = 1
	lock *(u64 *)(r0 + 0) += r1
	goto LBB0_6
LBB0_5:
	*(u64 *)(r10 - 16) = 1
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -16
	r1 = counts ll
	r4 = 0
	call 2
LBB0_6:
	w0 = 2
	exit
