# @type: xdp
# @desc: conditional jump past the end of the program
	r0 = 2
	if r1 == 0 goto +5
	exit
