# @type: socket_filter
# @desc: socket filter may not write skb->mark
	r2 = 7
	*(u32 *)(r1 + 8) = r2
	r0 = 0
	exit
