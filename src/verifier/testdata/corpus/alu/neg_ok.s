# @type: xdp
# @desc: neg on 64 and 32 bits
	r0 = 5
	r0 = -r0
	w1 = 5
	w1 = -w1
	r0 = 2
	exit
