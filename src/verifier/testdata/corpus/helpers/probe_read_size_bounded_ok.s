# @type: kprobe
# @desc: the size masked below the buffer size is accepted
	r2 = *(u64 *)(r1 + 104)
	r3 = *(u64 *)(r1 + 112)
	r2 &= 15
	r1 = r10
	r1 += -16
	call 113
	r0 = 0
	exit
