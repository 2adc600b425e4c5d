# @type: xdp
# @desc: subtracting a ctx pointer from a stack pointer
	r2 = r10
	r2 -= r1
	r0 = 2
	exit
