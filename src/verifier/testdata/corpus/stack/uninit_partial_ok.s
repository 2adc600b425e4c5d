# @type: xdp
# @desc: 8-byte read of a slot with only 4 bytes written (root)
	*(u32 *)(r10 - 8) = 1
	r0 = *(u64 *)(r10 - 8)
	r0 = 2
	exit
