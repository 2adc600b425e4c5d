# @type: kprobe
# @map: bloom:bloom_filter:0:8:128
# @desc: bloom filter push and peek
	r1 = 5
	*(u64 *)(r10 - 8) = r1
	r2 = r10
	r2 += -8
	r1 = bloom ll
	r3 = 0
	call 87
	r2 = r10
	r2 += -8
	r1 = bloom ll
	call 89
	r0 = 0
	exit
