# @type: sched_cls
# @desc: bpf_csum_diff over two 4-byte stack buffers
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	*(u32 *)(r10 - 8) = r1
	r1 = r10
	r1 += -4
	r2 = 4
	r3 = r10
	r3 += -8
	r4 = 4
	r5 = 0
	call 28
	r0 = 0
	exit
