# @type: xdp
# @desc: adding two pointers
	r2 = r10
	r2 += r1
	r0 = 2
	exit
