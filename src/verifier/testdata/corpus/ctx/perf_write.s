# @type: perf_event
# @desc: perf_event context is read-only
	r2 = 0
	*(u64 *)(r1 + 168) = r2
	r0 = 0
	exit
