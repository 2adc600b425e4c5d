# @type: socket_filter
# @desc: socket filter reads skb->family
	r2 = *(u32 *)(r1 + 88)
	r0 = 0
	exit
