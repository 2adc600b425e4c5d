# @type: perf_event
# @desc: perf_event reads pt_regs ip
	r2 = *(u64 *)(r1 + 128)
	r0 = 0
	exit
