# @type: xdp
# @desc: 32-bit move of a pointer turns it into a scalar (privileged: allowed)
	w2 = w10
	r0 = 2
	exit
