# @type: xdp
# @desc: a known 32-bit value makes the other branch dead (not walked)
	w1 = 7
	if w1 < 8 goto +2
	r2 = 0
	r0 = *(u8 *)(r2 + 0)
	r0 = 2
	exit
