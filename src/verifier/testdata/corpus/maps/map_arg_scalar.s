# @type: xdp
# @desc: a scalar where the map pointer belongs
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = 5
	call 1
	r0 = 2
	exit
