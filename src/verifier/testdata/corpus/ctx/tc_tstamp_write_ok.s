# @type: sched_cls
# @desc: TC writes skb->tstamp (u64)
	r2 = 0
	*(u64 *)(r1 + 152) = r2
	r0 = 0
	exit
