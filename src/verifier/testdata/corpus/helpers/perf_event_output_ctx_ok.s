# @type: kprobe
# @map: events:perf_event_array:4:4:4
# @desc: bpf_perf_event_output with ctx kept in r6 across a call
	r6 = r1
	call 14
	*(u64 *)(r10 - 8) = r0
	r1 = r6
	r4 = r10
	r4 += -8
	r2 = events ll
	r3 = 0xffffffff ll
	r5 = 8
	call 25
	r0 = 0
	exit
