# @type: kprobe
# @desc: clang kprobe: the fix, read the kernel struct field with bpf_probe_read_kernel
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct file { unsigned int f_flags; };
#   SEC("kprobe/vfs_read") int prog(unsigned long *regs) {
#     struct file *f = (struct file *)regs[14];
#     unsigned int flags = 0;
#     bpf_probe_read_kernel(&flags, sizeof(flags), &f->f_flags);
#     return flags & 1;
#   }
prog:
	r3 = *(u64 *)(r1 + 112)
	*(u32 *)(r10 - 4) = 0
	r1 = r10
	r1 += -4
	w2 = 4
	call 113
	w0 = *(u32 *)(r10 - 4)
	w0 &= 1
	exit
