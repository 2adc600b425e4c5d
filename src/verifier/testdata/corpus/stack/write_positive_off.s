# @type: xdp
# @desc: writing at r10+8
	r1 = 0
	*(u32 *)(r10 + 8) = r1
	r0 = 2
	exit
