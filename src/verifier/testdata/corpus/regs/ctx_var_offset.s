# @type: xdp
# @desc: ctx pointer plus an unknown scalar
	r2 = *(u32 *)(r1 + 12)
	r2 &= 4
	r1 += r2
	r0 = *(u32 *)(r1 + 0)
	exit
