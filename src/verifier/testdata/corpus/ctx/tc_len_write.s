# @type: sched_cls
# @desc: TC may not write skb->len
	r2 = 1
	*(u32 *)(r1 + 0) = r2
	r0 = 0
	exit
