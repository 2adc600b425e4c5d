# @type: kprobe
# @map: jmp:prog_array:4:4:4
# @desc: bpf_map_lookup_elem on a prog array
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = jmp ll
	call 1
	r0 = 0
	exit
