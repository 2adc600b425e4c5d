# @type: xdp
# @desc: reading at r10+4
	r0 = *(u32 *)(r10 + 4)
	exit
