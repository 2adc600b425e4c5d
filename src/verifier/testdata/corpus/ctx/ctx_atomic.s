# @type: sched_cls
# @desc: atomic add into skb->mark
	r2 = 1
	lock *(u32 *)(r1 + 8) += r2
	r0 = 0
	exit
