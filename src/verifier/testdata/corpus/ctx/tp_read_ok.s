# @type: tracepoint
# @desc: tracepoint reads fields of its record
	r2 = *(u64 *)(r1 + 8)
	r3 = *(u32 *)(r1 + 16)
	r0 = 0
	exit
