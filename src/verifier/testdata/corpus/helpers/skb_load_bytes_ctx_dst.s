# @type: sched_cls
# @desc: bpf_skb_load_bytes into the context
	r2 = 14
	r3 = r1
	r4 = 4
	call 26
	r0 = 0
	exit
