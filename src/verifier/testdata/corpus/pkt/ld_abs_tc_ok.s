# @type: sched_cls
# @desc: BPF_LD_ABS is also allowed in TC
	r6 = r1
	r0 = *(u32 *)skb[26]
	r0 = 0
	exit
