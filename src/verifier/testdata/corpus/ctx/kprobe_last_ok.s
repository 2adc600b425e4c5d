# @type: kprobe
# @desc: kprobe reads the last pt_regs field (ss)
	r2 = *(u64 *)(r1 + 160)
	r0 = 0
	exit
