# @type: sched_cls
# @desc: narrow (u16) write of skb->mark
	r2 = 1
	*(u16 *)(r1 + 8) = r2
	r0 = 0
	exit
