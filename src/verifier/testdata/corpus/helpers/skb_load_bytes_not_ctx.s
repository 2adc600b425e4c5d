# @type: sched_cls
# @desc: first argument of bpf_skb_load_bytes must be the ctx
	r1 = r10
	r1 += -8
	r2 = 14
	r3 = r10
	r3 += -24
	r4 = 4
	call 26
	r0 = 0
	exit
