# @type: raw_tracepoint
# @desc: raw tracepoint may not write its args
	r2 = 0
	*(u64 *)(r1 + 0) = r2
	r0 = 0
	exit
