# @type: kprobe
# @map: cfg:array:4:8:1
# @desc: clang kprobe: while loop bounded only by a map value
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 1); } cfg SEC(".maps");
#   SEC("kprobe/f") int prog(void *ctx) {
#     __u32 k = 0;
#     __u64 *n = bpf_map_lookup_elem(&cfg, &k);
#     if (!n) return 0;
#     __u64 i = 0, acc = 0;
#     while (i < *n) { acc ^= i * 2654435761u; i++; }
#     return acc & 1;
#   }
prog:
	*(u32 *)(r10 - 4) = 0
	r2 = r10
	r2 += -4
	r1 = cfg ll
	call 1
	r1 = r0
	w0 = 0
	if r1 == 0 goto LBB0_5
	r1 = *(u64 *)(r1 + 0)
	if r1 == 0 goto LBB0_5
	r2 = 0
	r3 = 2654435761 ll
	r0 = 0
	r4 = 0
LBB0_3:
	r0 ^= r2
	r2 += r3
	r4 += 1
	if r4 < r1 goto LBB0_3
	w0 &= 1
LBB0_5:
	exit
