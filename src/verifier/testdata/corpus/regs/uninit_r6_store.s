# @type: xdp
# @desc: storing an uninitialized register to the stack
	*(u64 *)(r10 - 8) = r6
	r0 = 2
	exit
