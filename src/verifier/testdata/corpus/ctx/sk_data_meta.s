# @type: socket_filter
# @desc: socket filter reads skb->data_meta
	r2 = *(u32 *)(r1 + 140)
	r0 = 0
	exit
