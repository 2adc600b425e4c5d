# @type: xdp
# @desc: comparing an uninitialized register
	r0 = 2
	if r3 > 5 goto +1
	exit
	exit
