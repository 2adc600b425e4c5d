# @type: kprobe
# @desc: clang kprobe: the classic mistake, dereferencing a kernel pointer argument directly instead of bpf_probe_read_kernel
# clang-19 -O2 -mcpu=v4 output for this C (libbpf headers; maps become `rN = NAME ll`):
#   struct file { unsigned int f_flags; };
#   SEC("kprobe/vfs_read") int prog(unsigned long *regs) {
#     struct file *f = (struct file *)regs[14];
#     return f->f_flags & 1;
#   }
prog:
	r1 = *(u64 *)(r1 + 112)
	w0 = *(u32 *)(r1 + 0)
	w0 &= 1
	exit
