# @type: sched_cls
# @desc: bpf_skb_change_tail, then bpf_skb_pull_data
	r6 = r1
	r2 = 64
	r3 = 0
	call 38
	r1 = r6
	r2 = 0
	call 39
	r0 = 0
	exit
