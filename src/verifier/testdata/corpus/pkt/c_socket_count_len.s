# @type: socket_filter
# @map: sizes:array:4:8:16
# @desc: clang socket filter: histogram of packet sizes in 16 buckets, keep the packet
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 16); } sizes SEC(".maps");
#   SEC("socket") int prog(struct __sk_buff *skb) {
#     __u32 b = skb->len / 128;
#     if (b > 15) b = 15;
#     __u64 *v = bpf_map_lookup_elem(&sizes, &b);
#     if (v) __sync_fetch_and_add(v, 1);
#     return skb->len;
#   }
prog:
	r6 = r1
	w1 = *(u32 *)(r6 + 0)
	w1 >>= 7
	if w1 < 15 goto LBB0_2
	w1 = 15
LBB0_2:
	*(u32 *)(r10 - 4) = w1
	r2 = r10
	r2 += -4
	r1 = sizes ll
	call 1
	if r0 == 0 goto LBB0_4
	r1 = 1
	lock *(u64 *)(r0 + 0) += r1
LBB0_4:
	w0 = *(u32 *)(r6 + 0)
	exit
