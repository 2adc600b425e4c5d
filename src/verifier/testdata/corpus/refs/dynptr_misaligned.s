# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: a dynptr at a stack offset that is not 8-aligned
	r1 = rb ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -20
	call 198
	r0 = 0
	exit
