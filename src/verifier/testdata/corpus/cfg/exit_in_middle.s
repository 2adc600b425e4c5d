# @type: xdp
# @desc: early exit paths in the middle of the program
	r0 = 1
	r2 = *(u32 *)(r1 + 12)
	if r2 == 0 goto +1
	exit
	r0 = 2
	exit
