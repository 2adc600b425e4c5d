# @type: xdp
# @desc: bitwise OR on a pointer
	r2 = r10
	r2 |= 7
	r0 = 2
	exit
