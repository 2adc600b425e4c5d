# @type: tracepoint
# @desc: tracepoint 8-byte read at offset 12
	r2 = *(u64 *)(r1 + 12)
	r0 = 0
	exit
