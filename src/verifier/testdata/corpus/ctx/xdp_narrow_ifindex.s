# @type: xdp
# @desc: narrow (u16) load of ingress_ifindex
	r2 = *(u16 *)(r1 + 12)
	r0 = 2
	exit
