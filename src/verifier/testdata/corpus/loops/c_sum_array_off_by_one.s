# @type: kprobe
# @map: vals:array:4:64:1
# @desc: clang kprobe: the same loop with i <= 16 reads past the value
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct v { __u32 x[16]; };
#   struct { __uint(type, BPF_MAP_TYPE_ARRAY); __type(key, __u32); __type(value, struct v); __uint(max_entries, 1); } vals SEC(".maps");
#   SEC("kprobe/f") int prog(void *ctx) {
#     __u32 k = 0;
#     struct v *v = bpf_map_lookup_elem(&vals, &k);
#     if (!v) return 0;
#     __u32 s = 0;
#   #pragma clang loop unroll(disable)
#     for (int i = 0; i <= 16; i++) s += v->x[i];
#     return s & 1;
#   }
prog:
	*(u32 *)(r10 - 4) = 0
	r2 = r10
	r2 += -4
	r1 = vals ll
	call 1
	w1 = 0
	if r0 == 0 goto LBB0_4
	w3 = 0
	r2 = 0
LBB0_2:
	r1 = r0
	r1 += r2
	w1 = *(u32 *)(r1 + 0)
	w1 += w3
	r2 += 4
	w3 = w1
	if r2 == 68 goto LBB0_3
	goto LBB0_2
LBB0_3:
	w1 &= 1
LBB0_4:
	w0 = w1
	exit
