# @type: xdp
# @desc: root may compare a pointer with a scalar
	r0 = 2
	if r1 == 0 goto +1
	r0 = 1
	exit
