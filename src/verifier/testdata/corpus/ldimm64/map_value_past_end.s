# @type: xdp
# @map: data:array:4:16:1
# @desc: direct map value pointer read past value_size
	ld_pseudo r1, 2, 0
	r0 = *(u64 *)(r1 + 16)
	r0 = 2
	exit
