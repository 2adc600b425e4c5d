# @type: xdp
# @desc: a 4-byte store of a pointer register into the stack
	*(u32 *)(r10 - 8) = r1
	r0 = 2
	exit
