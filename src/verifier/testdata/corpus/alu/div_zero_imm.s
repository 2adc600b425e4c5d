# @type: xdp
# @desc: 64-bit division by the constant 0
	r0 = 10
	r0 /= 0
	exit
