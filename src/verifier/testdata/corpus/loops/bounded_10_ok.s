# @type: xdp
# @desc: a bounded loop of 10 iterations, verified by walking every iteration
	r0 = 0
	r1 = 0
loop:
	r0 += r1
	r1 += 1
	if r1 < 10 goto loop
	r0 = 2
	exit
