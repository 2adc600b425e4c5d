# @type: kprobe
# @desc: kprobe read past struct pt_regs
	r2 = *(u64 *)(r1 + 168)
	r0 = 0
	exit
