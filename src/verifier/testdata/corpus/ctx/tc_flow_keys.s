# @type: sched_cls
# @desc: skb->flow_keys belongs to flow dissector programs
	r2 = *(u64 *)(r1 + 144)
	r0 = 0
	exit
