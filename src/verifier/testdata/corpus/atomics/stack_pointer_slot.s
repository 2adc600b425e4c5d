# @type: xdp
# @desc: atomic add on a stack slot holding a spilled pointer
	*(u64 *)(r10 - 8) = r1
	r1 = 1
	lock *(u64 *)(r10 - 8) += r1
	r0 = 2
	exit
