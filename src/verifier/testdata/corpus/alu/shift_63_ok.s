# @type: xdp
# @desc: the largest legal shifts: 63 and 31
	r0 = 1
	r0 <<= 63
	r0 s>>= 63
	w1 = 1
	w1 <<= 31
	r0 = 2
	exit
