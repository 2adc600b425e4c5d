# @type: xdp
# @desc: storing through a scalar
	r1 = 4096
	r2 = 0
	*(u64 *)(r1 + 0) = r2
	r0 = 2
	exit
