# @type: xdp
# @desc: copying R10 and offsetting the copy is fine
	r1 = r10
	r1 += -16
	r2 = 5
	*(u64 *)(r1 + 0) = r2
	r0 = *(u64 *)(r10 - 16)
	exit
