# @type: sched_cls
# @desc: skb->sk after a null check: read the family field
	r2 = *(u64 *)(r1 + 168)
	if r2 == 0 goto +1
	r3 = *(u32 *)(r2 + 4)
	r0 = 0
	exit
