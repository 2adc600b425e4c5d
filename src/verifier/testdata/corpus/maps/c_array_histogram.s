# @type: kprobe
# @map: hist:array:4:8:64
# @desc: clang kprobe: log2 histogram bucket in an array map
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 64); } hist SEC(".maps");
#   SEC("kprobe/vfs_read") int prog(void *ctx) {
#     __u64 t = bpf_ktime_get_ns();
#     __u32 slot = 0;
#     while (t > 1 && slot < 63) { t >>= 1; slot++; }
#     __u64 *v = bpf_map_lookup_elem(&hist, &slot);
#     if (v) __sync_fetch_and_add(v, 1);
#     return 0;
#   }
prog:
	call 5
	w1 = 0
	if r0 < 2 goto LBB0_3
LBB0_1:
	w2 = w1
	w1 += 1
	if r0 < 4 goto LBB0_3
	r0 >>= 1
	if w2 < 62 goto LBB0_1
LBB0_3:
	*(u32 *)(r10 - 4) = w1
	r2 = r10
	r2 += -4
	r1 = hist ll
	call 1
	if r0 == 0 goto LBB0_5
	r1 = 1
	lock *(u64 *)(r0 + 0) += r1
LBB0_5:
	w0 = 0
	exit
