# @type: socket_filter
# @desc: socket filter u8 store into cb[0]
	*(u8 *)(r1 + 49) = 7
	r0 = 0
	exit
