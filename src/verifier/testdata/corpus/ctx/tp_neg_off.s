# @type: tracepoint
# @desc: tracepoint read at a negative offset (6.18 accepts it)
	r2 = *(u32 *)(r1 - 8)
	r0 = 0
	exit
