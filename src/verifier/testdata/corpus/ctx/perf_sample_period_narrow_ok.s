# @type: perf_event
# @desc: narrow (u32) load of sample_period
	r2 = *(u32 *)(r1 + 168)
	r0 = 0
	exit
