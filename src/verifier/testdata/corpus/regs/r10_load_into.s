# @type: xdp
# @desc: loading from memory into R10
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	r10 = *(u64 *)(r10 - 8)
	r0 = 2
	exit
