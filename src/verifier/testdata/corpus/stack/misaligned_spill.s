# @type: xdp
# @desc: an unaligned 8-byte store of a pointer
	*(u64 *)(r10 - 12) = r1
	r0 = 2
	exit
