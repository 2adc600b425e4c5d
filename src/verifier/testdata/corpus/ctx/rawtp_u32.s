# @type: raw_tracepoint
# @desc: raw tracepoint 4-byte read of args[0]
	r2 = *(u32 *)(r1 + 0)
	r0 = 0
	exit
