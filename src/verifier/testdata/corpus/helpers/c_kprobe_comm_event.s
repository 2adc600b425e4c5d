# @type: kprobe
# @map: events:perf_event_array:4:4:4
# @desc: clang kprobe: build an event (pid, comm) and send it with bpf_perf_event_output
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); __uint(key_size, 4); __uint(value_size, 4); __uint(max_entries, 4); } events SEC(".maps");
#   struct ev { __u32 pid; char comm[16]; };
#   SEC("kprobe/do_nanosleep") int prog(void *ctx) {
#     struct ev e = {};
#     e.pid = bpf_get_current_pid_tgid() >> 32;
#     bpf_get_current_comm(e.comm, sizeof(e.comm));
#     bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
#     return 0;
#   }
prog:
	r6 = r1
	*(u32 *)(r10 - 4) = 0
	*(u32 *)(r10 - 8) = 0
	*(u32 *)(r10 - 12) = 0
	*(u32 *)(r10 - 16) = 0
	call 14
	r0 >>= 32
	*(u32 *)(r10 - 20) = w0
	r1 = r10
	r1 += -16
	w2 = 16
	call 16
	r4 = r10
	r4 += -20
	r1 = r6
	r2 = events ll
	r3 = 4294967295 ll
	r5 = 20
	call 25
	w0 = 0
	exit
