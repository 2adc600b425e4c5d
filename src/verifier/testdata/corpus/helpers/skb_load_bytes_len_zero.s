# @type: sched_cls
# @desc: bpf_skb_load_bytes with length 0 (ARG_CONST_SIZE: zero not allowed)
	r2 = 14
	r3 = r10
	r3 += -24
	r4 = 0
	call 26
	r0 = 0
	exit
