# @type: xdp
# @desc: reading data_meta without the data_meta + n <= data check
	r2 = *(u32 *)(r1 + 8)
	r0 = *(u32 *)(r2 + 0)
	r0 = 2
	exit
