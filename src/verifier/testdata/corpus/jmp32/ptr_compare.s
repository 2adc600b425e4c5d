# @type: xdp
# @desc: 32-bit compare of a pointer register
	r0 = 2
	if w1 == 0 goto +1
	r0 = 1
	exit
