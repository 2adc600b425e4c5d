# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: a ring buffer dynptr that is never submitted or discarded
	r1 = rb ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call 198
	r0 = 0
	exit
