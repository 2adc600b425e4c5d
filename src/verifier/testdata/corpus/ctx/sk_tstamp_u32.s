# @type: socket_filter
# @desc: 4-byte read of the u64 skb->tstamp
	r2 = *(u32 *)(r1 + 152)
	r0 = 0
	exit
