# @type: socket_filter
# @desc: socket filter may write skb->cb[]
	r2 = 7
	*(u32 *)(r1 + 48) = r2
	*(u32 *)(r1 + 64) = r2
	r0 = *(u32 *)(r1 + 48)
	exit
