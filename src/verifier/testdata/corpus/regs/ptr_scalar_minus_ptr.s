# @type: xdp
# @desc: scalar minus pointer
	r2 = 100
	r2 -= r10
	r0 = 2
	exit
