# @type: raw_tracepoint
# @map: nr:percpu_array:4:8:512
# @desc: clang raw tracepoint: per-syscall counters, args[1] is the syscall number
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY); __type(key, __u32); __type(value, __u64); __uint(max_entries, 512); } nr SEC(".maps");
#   SEC("raw_tracepoint/sys_enter") int prog(struct bpf_raw_tracepoint_args *ctx) {
#     __u32 id = ctx->args[1];
#     __u64 *v = bpf_map_lookup_elem(&nr, &id);
#     if (v) (*v)++;
#     return 0;
#   }
prog:
	r1 = *(u64 *)(r1 + 8)
	*(u32 *)(r10 - 4) = w1
	r2 = r10
	r2 += -4
	r1 = nr ll
	call 1
	if r0 == 0 goto LBB0_2
	r1 = *(u64 *)(r0 + 0)
	r1 += 1
	*(u64 *)(r0 + 0) = r1
LBB0_2:
	w0 = 0
	exit
