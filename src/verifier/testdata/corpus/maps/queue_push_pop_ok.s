# @type: kprobe
# @map: q:queue:0:8:16
# @desc: push and pop on a queue map
	r1 = 7
	*(u64 *)(r10 - 8) = r1
	r2 = r10
	r2 += -8
	r1 = q ll
	r3 = 0
	call 87
	r2 = r10
	r2 += -8
	r1 = q ll
	call 88
	r0 = 0
	exit
