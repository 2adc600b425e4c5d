# @type: socket_filter
# @desc: socket filter reads skb->len, protocol, mark, ifindex
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 16)
	r4 = *(u32 *)(r1 + 8)
	r5 = *(u32 *)(r1 + 40)
	r0 = r2
	exit
