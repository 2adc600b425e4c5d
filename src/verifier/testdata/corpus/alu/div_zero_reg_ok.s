# @type: xdp
# @desc: division by a register that is 0 is allowed (the result is 0 at run time)
	r0 = 10
	r1 = 0
	r0 /= r1
	r0 = 2
	exit
