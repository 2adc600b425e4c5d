# @type: xdp
# @desc: multiplying a pointer
	r2 = r10
	r2 *= 2
	r0 = 2
	exit
