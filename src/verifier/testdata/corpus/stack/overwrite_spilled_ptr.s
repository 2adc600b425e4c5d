# @type: xdp
# @desc: a byte store into a spilled pointer turns the slot into misc; the fill is a scalar
	*(u64 *)(r10 - 8) = r1
	r2 = 0
	*(u8 *)(r10 - 8) = r2
	r1 = *(u64 *)(r10 - 8)
	r0 = *(u32 *)(r1 + 12)
	exit
