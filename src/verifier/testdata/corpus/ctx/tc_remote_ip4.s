# @type: sched_cls
# @desc: skb->remote_ip4 is not readable from TC
	r2 = *(u32 *)(r1 + 92)
	r0 = 0
	exit
