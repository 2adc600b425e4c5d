# @type: xdp
# @desc: atomic add through a scalar
	r2 = 4096
	r3 = 1
	lock *(u64 *)(r2 + 0) += r3
	r0 = 2
	exit
