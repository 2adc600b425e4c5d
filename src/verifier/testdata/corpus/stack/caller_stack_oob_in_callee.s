# @type: xdp
# @desc: callee writes 16 bytes below the 8-byte caller slot it was given
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	r1 = r10
	r1 += -8
	call fill
	r0 = 2
	exit
fill:
	r2 = 1
	*(u64 *)(r1 + 8) = r2
	r0 = 0
	exit
