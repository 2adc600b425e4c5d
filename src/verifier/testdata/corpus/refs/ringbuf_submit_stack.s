# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: submitting a stack pointer
	r1 = r10
	r1 += -8
	r2 = 0
	call 132
	r0 = 0
	exit
