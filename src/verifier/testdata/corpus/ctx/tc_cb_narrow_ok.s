# @type: sched_cls
# @desc: TC byte and half-word access to skb->cb[]
	*(u8 *)(r1 + 48) = 1
	r2 = *(u16 *)(r1 + 50)
	r0 = 0
	exit
