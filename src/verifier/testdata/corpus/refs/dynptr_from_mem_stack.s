# @type: kprobe
# @desc: bpf_dynptr_from_mem over stack memory: 6.18 only takes map values as its data
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r1
	r1 = r10
	r1 += -16
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -32
	call 197
	r1 = r10
	r1 += -40
	r2 = 8
	r3 = r10
	r3 += -32
	r4 = 0
	r5 = 0
	call 201
	r0 = 0
	exit
