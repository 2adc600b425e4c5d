# @type: kprobe
# @desc: submitting a stack slot that holds no dynptr
	r1 = 0
	*(u64 *)(r10 - 16) = r1
	*(u64 *)(r10 - 8) = r1
	r1 = r10
	r1 += -16
	r2 = 0
	call 199
	r0 = 0
	exit
