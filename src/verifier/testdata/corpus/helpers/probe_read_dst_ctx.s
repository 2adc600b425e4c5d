# @type: kprobe
# @desc: destination buffer is the ctx
	r3 = *(u64 *)(r1 + 112)
	r2 = 8
	call 113
	r0 = 0
	exit
