# @type: sched_cls
# @desc: TC may not write skb->data
	r2 = 0
	*(u32 *)(r1 + 76) = r2
	r0 = 0
	exit
