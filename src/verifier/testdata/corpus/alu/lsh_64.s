# @type: xdp
# @desc: 64-bit shift by 64
	r0 = 1
	r0 <<= 64
	exit
