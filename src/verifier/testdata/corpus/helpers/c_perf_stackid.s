# @type: perf_event
# @map: stacks:stack_trace:4:1016:1024
# @map: counts:hash:4:8:1024
# @desc: clang perf_event: sample kernel stacks with bpf_get_stackid and count them
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_STACK_TRACE); __uint(key_size, 4); __uint(value_size, 1016); __uint(max_entries, 1024); } stacks SEC(".maps");
#   struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, __u64); __uint(max_entries, 1024); } counts SEC(".maps");
#   SEC("perf_event") int prog(void *ctx) {
#     long id = bpf_get_stackid(ctx, &stacks, 0);
#     if (id < 0) return 0;
#     __u32 k = id;
#     __u64 *v = bpf_map_lookup_elem(&counts, &k);
#     if (v) __sync_fetch_and_add(v, 1);
#     else { __u64 one = 1; bpf_map_update_elem(&counts, &k, &one, BPF_ANY); }
#     return 0;
#   }
prog:
	r2 = stacks ll
	r3 = 0
	call 27
	if r0 s< 0 goto LBB0_4
	*(u32 *)(r10 - 4) = w0
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto LBB0_3
	r1 = 1
	lock *(u64 *)(r0 + 0) += r1
	goto LBB0_4
LBB0_3:
	*(u64 *)(r10 - 16) = 1
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -16
	r1 = counts ll
	r4 = 0
	call 2
LBB0_4:
	w0 = 0
	exit
