# @type: xdp
# @desc: 32-bit add on a packet pointer
	r2 = *(u32 *)(r1 + 0)
	w2 += 14
	r0 = 2
	exit
