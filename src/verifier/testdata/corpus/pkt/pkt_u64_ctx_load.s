# @type: sched_cls
# @desc: skb->data loaded as u64
	r2 = *(u64 *)(r1 + 76)
	r0 = 0
	exit
