# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: bpf_ringbuf_output copies a stack record (no reference)
	call 14
	*(u64 *)(r10 - 8) = r0
	r1 = rb ll
	r2 = r10
	r2 += -8
	r3 = 8
	r4 = 0
	call 130
	r0 = 0
	exit
