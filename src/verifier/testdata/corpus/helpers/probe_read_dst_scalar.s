# @type: kprobe
# @desc: destination buffer is a scalar
	r3 = *(u64 *)(r1 + 112)
	r1 = 0
	r2 = 8
	call 113
	r0 = 0
	exit
