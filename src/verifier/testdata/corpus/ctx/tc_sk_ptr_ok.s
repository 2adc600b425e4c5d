# @type: sched_cls
# @desc: TC reads skb->sk, a sock_common_or_null pointer
	r2 = *(u64 *)(r1 + 168)
	r0 = 0
	exit
