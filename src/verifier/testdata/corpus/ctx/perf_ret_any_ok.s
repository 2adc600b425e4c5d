# @type: perf_event
# @desc: perf_event may return any value
	r0 = 12345
	exit
