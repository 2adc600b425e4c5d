# @type: kprobe
# @map: info:hash:4:16:64
# @desc: clang kprobe: struct with padding passed to bpf_map_update_elem (root may pass uninitialized stack bytes)
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct info { __u32 pid; __u64 ts; };
#   struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, __u32); __type(value, struct info); __uint(max_entries, 64); } info SEC(".maps");
#   SEC("kprobe/f") int prog(void *ctx) {
#     struct info i;
#     i.pid = bpf_get_current_pid_tgid();
#     i.ts = bpf_ktime_get_ns();
#     __u32 k = i.pid;
#     bpf_map_update_elem(&info, &k, &i, BPF_ANY);
#     return 0;
#   }
prog:
	call 14
	r6 = r0
	*(u32 *)(r10 - 16) = w6
	call 5
	*(u64 *)(r10 - 8) = r0
	*(u32 *)(r10 - 20) = w6
	r2 = r10
	r2 += -20
	r3 = r10
	r3 += -16
	r1 = info ll
	r4 = 0
	call 2
	w0 = 0
	exit
