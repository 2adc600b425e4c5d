# @type: kprobe
# @map: counts:hash:4:8:16
# @desc: bpf_map_push_elem on a hash map
	r1 = 7
	*(u64 *)(r10 - 8) = r1
	r2 = r10
	r2 += -8
	r1 = counts ll
	r3 = 0
	call 87
	r0 = 0
	exit
