# @type: kprobe
# @map: counts:hash:4:8:8
# @desc: bpf_perf_event_output into a hash map
	r6 = r1
	*(u64 *)(r10 - 8) = r6
	r4 = r10
	r4 += -8
	r2 = counts ll
	r3 = 0
	r5 = 8
	call 25
	r0 = 0
	exit
