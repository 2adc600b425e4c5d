# @type: xdp
# @desc: falls off the end through a conditional jump
	r0 = 2
	if r1 == 0 goto +1
	exit
	r0 = 1
