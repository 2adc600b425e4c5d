# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: writing a reserved record without a null check
	r1 = rb ll
	r2 = 16
	r3 = 0
	call 131
	*(u64 *)(r0 + 0) = 1
	r1 = r0
	r2 = 0
	call 132
	r0 = 0
	exit
