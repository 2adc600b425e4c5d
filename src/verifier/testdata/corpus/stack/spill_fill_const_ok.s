# @type: xdp
# @desc: a constant spilled to the stack and filled back stays a known constant
	r1 = 42
	*(u64 *)(r10 - 8) = r1
	r0 = *(u64 *)(r10 - 8)
	r0 += -40
	exit
