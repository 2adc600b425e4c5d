# @type: xdp
# @desc: subprogram that calls itself
	r1 = 3
	call rec
	exit
rec:
	r1 += -1
	if r1 == 0 goto +1
	call rec
	r0 = 0
	exit
