# @type: kprobe
# @desc: kprobe 4-byte read of a pt_regs field
	r2 = *(u32 *)(r1 + 112)
	r0 = 0
	exit
