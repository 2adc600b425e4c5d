# @type: xdp
# @desc: arithmetic on data_end
	r3 = *(u32 *)(r1 + 4)
	r3 += -14
	r0 = 2
	exit
