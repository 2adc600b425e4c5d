# @type: kprobe
# @map: q:queue:0:8:16
# @desc: bpf_map_lookup_elem on a queue map
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = q ll
	call 1
	r0 = 0
	exit
