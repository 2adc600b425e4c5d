# @type: xdp
# @desc: frame pointer plus a huge constant, then a write
	r2 = r10
	r2 += -1048576
	r1 = 0
	*(u64 *)(r2 + 0) = r1
	r0 = 2
	exit
