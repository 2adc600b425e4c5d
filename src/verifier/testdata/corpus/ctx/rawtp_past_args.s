# @type: raw_tracepoint
# @desc: raw tracepoint read of args[12]
	r2 = *(u64 *)(r1 + 96)
	r0 = 0
	exit
