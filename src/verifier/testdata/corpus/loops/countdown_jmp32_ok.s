# @type: xdp
# @desc: a count-down loop with a 32-bit compare
	w1 = 16
loop:
	w1 += -1
	if w1 != 0 goto loop
	r0 = 2
	exit
