# @type: cgroup_skb
# @map: bytes:array:4:8:1
# @desc: clang cgroup skb: count egress bytes, allow everything
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 1); } bytes SEC(".maps");
#   SEC("cgroup_skb/egress") int prog(struct __sk_buff *skb) {
#     __u32 k = 0;
#     __u64 *v = bpf_map_lookup_elem(&bytes, &k);
#     if (v) __sync_fetch_and_add(v, skb->len);
#     return 1;
#   }
prog:
	r6 = r1
	*(u32 *)(r10 - 4) = 0
	r2 = r10
	r2 += -4
	r1 = bytes ll
	call 1
	if r0 == 0 goto LBB0_2
	w1 = *(u32 *)(r6 + 0)
	lock *(u64 *)(r0 + 0) += r1
LBB0_2:
	w0 = 1
	exit
