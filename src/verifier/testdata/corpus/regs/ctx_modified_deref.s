# @type: xdp
# @desc: ctx pointer moved by a constant, then dereferenced
	r1 += 4
	r0 = *(u32 *)(r1 + 0)
	exit
