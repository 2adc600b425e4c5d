# @type: xdp
# @map: slots:array:4:64:1
# @desc: clang XDP: the same index, checked against the array size
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct v { __u64 slot[8]; };
#   struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, struct v); __uint(max_entries, 1); } slots SEC(".maps");
#   SEC("xdp") int prog(struct xdp_md *ctx) {
#     void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
#     __u8 *p = data;
#     if ((void *)(p + 1) > end) return XDP_PASS;
#     __u32 k = 0;
#     struct v *v = bpf_map_lookup_elem(&slots, &k);
#     if (!v) return XDP_PASS;
#     __u8 i = p[0];
#     if (i < 8) v->slot[i]++;
#     return XDP_PASS;
#   }
prog:
	w2 = *(u32 *)(r1 + 4)
	w6 = *(u32 *)(r1 + 0)
	r1 = r6
	r1 += 1
	if r1 > r2 goto LBB0_4
	*(u32 *)(r10 - 4) = 0
	r2 = r10
	r2 += -4
	r1 = slots ll
	call 1
	if r0 == 0 goto LBB0_4
	w1 = *(u8 *)(r6 + 0)
	if r1 > 7 goto LBB0_4
	r1 <<= 3
	r0 += r1
	r1 = *(u64 *)(r0 + 0)
	r1 += 1
	*(u64 *)(r0 + 0) = r1
LBB0_4:
	w0 = 2
	exit
