# @type: tracepoint
# @desc: tracepoint read at offset 4096: only the maximum trace record size is checked
	r2 = *(u64 *)(r1 + 4096)
	r0 = 0
	exit
