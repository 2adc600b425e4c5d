# @type: kprobe
# @desc: a variable-offset stack buffer that can reach past r10
	r3 = *(u64 *)(r1 + 112)
	r6 = *(u64 *)(r1 + 104)
	r6 &= 15
	r1 = r10
	r1 += -16
	r1 += r6
	r2 = 8
	call 113
	r0 = 0
	exit
