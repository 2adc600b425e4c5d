# @type: perf_event
# @desc: perf_event read past bpf_perf_event_data
	r2 = *(u64 *)(r1 + 184)
	r0 = 0
	exit
