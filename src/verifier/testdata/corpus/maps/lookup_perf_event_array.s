# @type: kprobe
# @map: events:perf_event_array:4:4:2
# @desc: bpf_map_lookup_elem on a perf event array
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = events ll
	call 1
	r0 = 0
	exit
