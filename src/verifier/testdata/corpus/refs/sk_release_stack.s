# @type: sched_cls
# @desc: bpf_sk_release on a stack pointer
	r1 = r10
	r1 += -8
	call 86
	r0 = 0
	exit
