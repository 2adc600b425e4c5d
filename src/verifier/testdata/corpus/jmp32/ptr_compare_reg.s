# @type: xdp
# @desc: 32-bit compare of two pointers
	r2 = r10
	r0 = 2
	if w1 > w2 goto +1
	r0 = 1
	exit
