# @type: tracepoint
# @map: rb:ringbuf:0:0:65536
# @desc: clang tracepoint: discard instead of submit when filtered
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct { __uint(type, BPF_MAP_TYPE_RINGBUF); __uint(max_entries, 65536); } rb SEC(".maps");
#   struct ev { __u32 pid; __u32 uid; };
#   SEC("tracepoint/syscalls/sys_enter_execve") int prog(void *ctx) {
#     struct ev *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
#     if (!e) return 0;
#     e->pid = bpf_get_current_pid_tgid() >> 32;
#     e->uid = bpf_get_current_uid_gid();
#     if (e->uid == 0) bpf_ringbuf_discard(e, 0);
#     else bpf_ringbuf_submit(e, 0);
#     return 0;
#   }
prog:
	r1 = rb ll
	r2 = 8
	r3 = 0
	call 131
	r6 = r0
	if r6 == 0 goto LBB0_4
	call 14
	r0 >>= 32
	*(u32 *)(r6 + 0) = w0
	call 15
	*(u32 *)(r6 + 4) = w0
	if w0 != 0 goto LBB0_3
	r1 = r6
	r2 = 0
	call 133
	goto LBB0_4
LBB0_3:
	r1 = r6
	r2 = 0
	call 132
LBB0_4:
	w0 = 0
	exit
