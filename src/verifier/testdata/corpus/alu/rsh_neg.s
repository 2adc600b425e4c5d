# @type: xdp
# @desc: shift by a negative constant
	r0 = 1
	r0 >>= -1
	exit
