# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: reserve a dynptr even on failure, then discard it (required on both paths)
	r1 = rb ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call 198
	r1 = r10
	r1 += -16
	r2 = 0
	call 200
	r0 = 0
	exit
