# @type: sched_cls
# @desc: BPF_ST (immediate) store to skb->mark
	*(u32 *)(r1 + 8) = 1
	r0 = 0
	exit
