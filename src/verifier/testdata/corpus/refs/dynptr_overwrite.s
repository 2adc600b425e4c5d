# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: overwriting part of a live dynptr on the stack
	r1 = rb ll
	r2 = 8
	r3 = 0
	r4 = r10
	r4 += -16
	call 198
	r1 = 0
	*(u64 *)(r10 - 16) = r1
	r1 = r10
	r1 += -16
	r2 = 0
	call 199
	r0 = 0
	exit
