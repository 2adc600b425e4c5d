# @type: raw_tracepoint
# @desc: raw tracepoint reads args[0] and args[1]
	r2 = *(u64 *)(r1 + 0)
	r3 = *(u64 *)(r1 + 8)
	r0 = 0
	exit
