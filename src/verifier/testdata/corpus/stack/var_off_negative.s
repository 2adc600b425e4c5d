# @type: xdp
# @desc: a variable offset from a signed value that may be very negative
	r2 = *(u32 *)(r1 + 12)
	r2 = (s32)r2
	if r2 s> 0 goto +5
	r3 = r10
	r3 += -8
	r3 += r2
	r4 = 0
	*(u8 *)(r3 + 0) = r4
	r0 = 2
	exit
