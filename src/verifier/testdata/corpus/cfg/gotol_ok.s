# @type: xdp
# @desc: gotol (32-bit offset) forward to the exit
	r0 = 2
	if r1 == 0 goto +1
	gotol +1
	r0 = 1
	exit
