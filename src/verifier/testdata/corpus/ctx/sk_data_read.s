# @type: socket_filter
# @desc: socket filters have no direct packet access (skb->data)
	r2 = *(u32 *)(r1 + 76)
	r0 = 0
	exit
