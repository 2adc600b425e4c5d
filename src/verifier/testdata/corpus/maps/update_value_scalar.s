# @type: kprobe
# @map: counts:hash:4:8:16
# @desc: a scalar as the value pointer
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r3 = 0
	r1 = counts ll
	r4 = 0
	call 2
	r0 = 0
	exit
