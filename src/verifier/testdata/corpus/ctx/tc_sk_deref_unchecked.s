# @type: sched_cls
# @desc: dereferencing skb->sk without a null check
	r2 = *(u64 *)(r1 + 168)
	r3 = *(u32 *)(r2 + 0)
	r0 = 0
	exit
