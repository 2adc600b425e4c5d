# @type: sched_cls
# @desc: bpf_skb_load_bytes of 20 bytes into the stack
	r2 = 14
	r3 = r10
	r3 += -24
	r4 = 20
	call 26
	r0 = 0
	exit
