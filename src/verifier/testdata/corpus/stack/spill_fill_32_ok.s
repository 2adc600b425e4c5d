# @type: xdp
# @desc: 32-bit spill and fill of a scalar
	w1 = 7
	*(u32 *)(r10 - 4) = w1
	w0 = *(u32 *)(r10 - 4)
	exit
