# @type: kprobe
# @desc: kprobe reads pt_regs fields (di, si on x86-64)
	r2 = *(u64 *)(r1 + 112)
	r3 = *(u64 *)(r1 + 104)
	r0 = 0
	exit
