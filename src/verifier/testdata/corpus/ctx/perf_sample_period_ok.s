# @type: perf_event
# @desc: perf_event reads sample_period and addr
	r2 = *(u64 *)(r1 + 168)
	r3 = *(u64 *)(r1 + 176)
	r0 = 0
	exit
