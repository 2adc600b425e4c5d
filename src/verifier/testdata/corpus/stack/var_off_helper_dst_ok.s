# @type: kprobe
# @desc: a helper writes through a variable-offset stack pointer (bounded, inside the frame)
	r3 = *(u64 *)(r1 + 112)
	r6 = *(u64 *)(r1 + 104)
	r6 &= 7
	r1 = r10
	r1 += -24
	r1 += r6
	r2 = 8
	call 113
	r0 = 0
	exit
