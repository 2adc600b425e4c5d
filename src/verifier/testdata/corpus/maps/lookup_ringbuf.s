# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: bpf_map_lookup_elem on a ring buffer map
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = rb ll
	call 1
	r0 = 0
	exit
