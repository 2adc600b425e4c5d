# @type: kprobe
# @desc: kprobe may not write pt_regs
	r2 = 0
	*(u64 *)(r1 + 80) = r2
	r0 = 0
	exit
