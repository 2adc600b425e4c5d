# @type: tracepoint
# @desc: clang tracepoint: bpf_printk with a stack-built format string
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("tracepoint/syscalls/sys_enter_execve") int prog(void *ctx) {
#     char fmt[] = "exec pid=%d\n";
#     bpf_trace_printk(fmt, sizeof(fmt), bpf_get_current_pid_tgid() >> 32);
#     return 0;
#   }
prog:
	r1 = 7235437560756271205 ll
	*(u64 *)(r10 - 16) = r1
	*(u8 *)(r10 - 4) = 0
	*(u32 *)(r10 - 8) = 174335293
	call 14
	r0 >>= 32
	r1 = r10
	r1 += -16
	w2 = 13
	r3 = r0
	call 6
	w0 = 0
	exit
