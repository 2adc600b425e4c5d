# @type: sched_cls
# @desc: bpf_sk_release on a possibly-NULL socket
	*(u64 *)(r10 - 16) = 0
	*(u32 *)(r10 - 8) = 0
	r2 = r10
	r2 += -16
	r3 = 12
	r4 = 0xffffffff ll
	r5 = 0
	call 84
	r1 = r0
	call 86
	r0 = 0
	exit
