# @type: tracepoint
# @desc: tracepoint context is read-only
	r2 = 0
	*(u64 *)(r1 + 8) = r2
	r0 = 0
	exit
