# @type: xdp
# @desc: a variable-offset stack read over initialized bytes
	r4 = 0
	*(u64 *)(r10 - 16) = r4
	*(u64 *)(r10 - 8) = r4
	r2 = *(u32 *)(r1 + 12)
	r2 &= 7
	r3 = r10
	r3 += -16
	r3 += r2
	r0 = *(u8 *)(r3 + 0)
	r0 = 2
	exit
