# @type: xdp
# @desc: a variable offset that can reach above r10
	r2 = *(u32 *)(r1 + 12)
	r2 &= 15
	r3 = r10
	r3 += -8
	r3 += r2
	r4 = 0
	*(u8 *)(r3 + 0) = r4
	r0 = 2
	exit
