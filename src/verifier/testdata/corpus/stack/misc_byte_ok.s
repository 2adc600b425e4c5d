# @type: xdp
# @desc: a single byte written from an unknown value is misc; read it back
	r2 = *(u32 *)(r1 + 12)
	*(u8 *)(r10 - 1) = w2
	r0 = *(u8 *)(r10 - 1)
	r0 &= 1
	exit
