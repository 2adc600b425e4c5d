# @type: socket_filter
# @desc: skb->tstamp (u64) is not readable from a socket filter
	r2 = *(u64 *)(r1 + 152)
	r0 = 0
	exit
