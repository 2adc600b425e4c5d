# @type: xdp
# @desc: stack pointer stored to the stack, filled and written through
	r2 = r10
	r2 += -16
	*(u64 *)(r10 - 8) = r2
	r3 = *(u64 *)(r10 - 8)
	r4 = 9
	*(u64 *)(r3 + 0) = r4
	r0 = *(u64 *)(r10 - 16)
	r0 = 2
	exit
