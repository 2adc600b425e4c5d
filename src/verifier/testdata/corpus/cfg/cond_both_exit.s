# @type: socket_filter
# @desc: two return paths, both set R0
	r2 = *(u32 *)(r1 + 0)
	if r2 > 100 goto +2
	r0 = 0
	exit
	r0 = -1
	exit
