# @type: xdp
# @desc: the lowest 8 bytes of the 512-byte stack
	r1 = 0
	*(u64 *)(r10 - 512) = r1
	r0 = 2
	exit
