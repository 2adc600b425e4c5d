# @type: xdp
# @desc: 32-bit jset
	r0 = 2
	r2 = *(u32 *)(r1 + 12)
	if w2 & 1 goto +1
	r0 = 1
	exit
