# @type: xdp
# @desc: a 4-byte fill from a slot holding a spilled pointer
	*(u64 *)(r10 - 8) = r1
	r2 = *(u32 *)(r10 - 8)
	r0 = 2
	exit
