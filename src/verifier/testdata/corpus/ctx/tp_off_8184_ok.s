# @type: tracepoint
# @desc: tracepoint 8-byte read ending exactly at the maximum trace record size (8192)
	r2 = *(u64 *)(r1 + 8184)
	r0 = 0
	exit
