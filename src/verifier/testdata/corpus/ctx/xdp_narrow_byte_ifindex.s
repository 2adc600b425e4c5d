# @type: xdp
# @desc: narrow (u8) load of the high byte of ingress_ifindex
	r2 = *(u8 *)(r1 + 15)
	r0 = 2
	exit
