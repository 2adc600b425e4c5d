# @type: xdp
# @desc: a variable-offset stack write with a bounded index (privileged)
	r2 = *(u32 *)(r1 + 12)
	r2 &= 7
	r3 = r10
	r3 += -16
	r3 += r2
	r4 = 1
	*(u8 *)(r3 + 0) = r4
	r0 = 2
	exit
