# @type: xdp
# @desc: XDP reads ingress_ifindex and rx_queue_index
	r2 = *(u32 *)(r1 + 12)
	r3 = *(u32 *)(r1 + 16)
	r0 = 2
	exit
