# @type: xdp
# @desc: XDP reads data_meta
	r2 = *(u32 *)(r1 + 8)
	r0 = 2
	exit
