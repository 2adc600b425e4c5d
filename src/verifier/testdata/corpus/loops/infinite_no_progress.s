# @type: xdp
# @desc: loop whose state repeats exactly
	r1 = 0
	r0 = 2
loop:
	r1 &= 1
	if r1 == 0 goto loop
	exit
