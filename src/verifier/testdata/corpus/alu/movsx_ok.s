# @type: xdp
# @desc: sign-extending moves (cpu v4)
	r1 = 255
	r0 = (s8)r1
	r2 = (s16)r1
	r3 = (s32)r1
	w4 = (s8)w1
	w5 = (s16)w1
	r0 = 2
	exit
