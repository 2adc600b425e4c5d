# @type: xdp
# @desc: atomic add with an uninitialized source register
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	lock *(u64 *)(r10 - 8) += r3
	r0 = 2
	exit
