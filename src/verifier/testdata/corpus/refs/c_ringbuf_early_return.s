# @type: kprobe
# @map: rb:ringbuf:0:0:65536
# @desc: clang kprobe: an early return after reserve leaks the record
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 65536); } rb SEC(".maps");
#   struct ev { __u32 pid; __u64 ts; };
#   SEC("kprobe/do_exit") int prog(void *ctx) {
#     struct ev *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
#     if (!e) return 0;
#     e->pid = bpf_get_current_pid_tgid() >> 32;
#     if (e->pid == 1) return 0;
#     e->ts = bpf_ktime_get_ns();
#     bpf_ringbuf_submit(e, 0);
#     return 0;
#   }
prog:
	r1 = rb ll
	r2 = 16
	r3 = 0
	call 131
	r6 = r0
	if r6 == 0 goto LBB0_3
	call 14
	r0 >>= 32
	*(u32 *)(r6 + 0) = w0
	if r0 == 1 goto LBB0_3
	call 5
	*(u64 *)(r6 + 8) = r0
	r1 = r6
	r2 = 0
	call 132
LBB0_3:
	w0 = 0
	exit
