# @type: xdp
# @desc: dereferencing a constant scalar
	r1 = 0
	r0 = *(u64 *)(r1 + 0)
	exit
