# @type: tracepoint
# @desc: tracepoint read at offset 8192, the maximum trace record size
	r2 = *(u32 *)(r1 + 8192)
	r0 = 0
	exit
