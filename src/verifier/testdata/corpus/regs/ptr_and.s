# @type: xdp
# @desc: bitwise AND on a pointer
	r2 = r10
	r2 &= -8
	r0 = 2
	exit
