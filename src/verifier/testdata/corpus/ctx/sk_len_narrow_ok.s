# @type: socket_filter
# @desc: narrow u16 and u8 loads of skb->len
	r2 = *(u16 *)(r1 + 0)
	r3 = *(u8 *)(r1 + 3)
	r0 = r2
	exit
