# @type: xdp
# @desc: stack pointer plus an unbounded scalar
	r2 = *(u32 *)(r1 + 12)
	r3 = r10
	r3 += r2
	r0 = *(u8 *)(r3 + 0)
	r0 = 2
	exit
