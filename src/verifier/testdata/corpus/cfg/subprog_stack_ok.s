# @type: xdp
# @desc: caller passes a pointer to its stack; callee writes through it
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	r1 = r10
	r1 += -8
	call fill
	r0 = *(u64 *)(r10 - 8)
	r0 &= 3
	exit
fill:
	r2 = 1
	*(u64 *)(r1 + 0) = r2
	r0 = 0
	exit
