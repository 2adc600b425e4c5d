# @type: xdp
# @desc: XDP egress_ifindex is only for devmap programs
	r2 = *(u32 *)(r1 + 20)
	r0 = 2
	exit
