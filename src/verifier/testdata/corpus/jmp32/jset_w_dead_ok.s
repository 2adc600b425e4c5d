# @type: xdp
# @desc: a known 32-bit value makes a jset branch dead
	w1 = 6
	if w1 & 1 goto +2
	r0 = 2
	exit
	r2 = 0
	r0 = *(u8 *)(r2 + 0)
	exit
