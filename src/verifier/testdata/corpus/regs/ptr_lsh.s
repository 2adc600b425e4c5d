# @type: xdp
# @desc: shifting a pointer
	r2 = r10
	r2 <<= 1
	r0 = 2
	exit
