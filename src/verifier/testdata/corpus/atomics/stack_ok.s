# @type: xdp
# @desc: atomic add on an initialized stack slot
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	r1 = 1
	lock *(u64 *)(r10 - 8) += r1
	r0 = *(u64 *)(r10 - 8)
	r0 = 2
	exit
