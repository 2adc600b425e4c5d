# @type: xdp
# @map: last:lru_hash:4:8:65536
# @desc: clang XDP: per-source-IP rate limit with an LRU hash and bpf_ktime_get_ns
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_LRU_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 65536); } last SEC(".maps");
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     struct ethhdr *eth = data;
#     struct iphdr *ip = (void *)(eth + 1);
#     if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP)) return XDP_PASS;
#     __u32 src = ip->saddr;
#     __u64 now = bpf_ktime_get_ns();
#     __u64 *t = bpf_map_lookup_elem(&last, &src);
#     if (t && now - *t < 1000000) return XDP_DROP;
#     bpf_map_update_elem(&last, &src, &now, BPF_ANY);
#     return XDP_PASS;
#   }
prog:
	w0 = 2
	w2 = *(u32 *)(r1 + 4)
	w1 = *(u32 *)(r1 + 0)
	r3 = r1
	r3 += 34
	if r3 > r2 goto LBB0_5
	w2 = *(u8 *)(r1 + 12)
	w3 = *(u8 *)(r1 + 13)
	w3 <<= 8
	w3 |= w2
	if w3 != 8 goto LBB0_5
	w1 = *(u32 *)(r1 + 26)
	*(u32 *)(r10 - 4) = w1
	call 5
	r6 = r0
	*(u64 *)(r10 - 16) = r6
	r2 = r10
	r2 += -4
	r1 = last ll
	call 1
	if r0 == 0 goto LBB0_4
	r1 = *(u64 *)(r0 + 0)
	r6 -= r1
	w0 = 1
	if r6 < 1000000 goto LBB0_5
LBB0_4:
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -16
	r1 = last ll
	r4 = 0
	call 2
	w0 = 2
LBB0_5:
	exit
