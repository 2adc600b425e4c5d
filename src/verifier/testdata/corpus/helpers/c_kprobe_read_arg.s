# @type: kprobe
# @desc: clang kprobe: copy a string argument with bpf_probe_read_user_str
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   SEC("kprobe/do_sys_openat2") int prog(unsigned long *regs) {
#     char name[64];
#     const char *p = (const char *)regs[13];
#     long n = bpf_probe_read_user_str(name, sizeof(name), p);
#     if (n > 1 && name[0] == '/') return 1;
#     return 0;
#   }
prog:
	r3 = *(u64 *)(r1 + 104)
	r1 = r10
	r1 += -64
	w2 = 64
	call 114
	r1 = r0
	w2 = 1
	w0 = 1
	if r1 s> 1 goto LBB0_2
	w0 = 0
LBB0_2:
	w1 = *(u8 *)(r10 - 64)
	w1 &= 255
	if w1 == 47 goto LBB0_4
	w2 = 0
LBB0_4:
	w0 &= w2
	exit
