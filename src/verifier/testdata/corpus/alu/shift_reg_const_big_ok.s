# @type: xdp
# @desc: shift by a register holding 70 is not rejected (result unknown)
	r0 = 1
	r2 = 70
	r0 <<= r2
	r0 = 2
	exit
