# @type: xdp
# @desc: negative offset from the ctx pointer
	r2 = *(u32 *)(r1 - 4)
	r0 = 2
	exit
