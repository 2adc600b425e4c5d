# @type: xdp
# @desc: negating a pointer
	r2 = r10
	r2 = -r2
	r0 = 2
	exit
