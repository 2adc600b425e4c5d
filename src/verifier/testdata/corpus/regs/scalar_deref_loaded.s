# @type: xdp
# @desc: dereferencing a value loaded from ctx (ingress_ifindex: a scalar, not a pointer)
	r2 = *(u32 *)(r1 + 12)
	r0 = *(u8 *)(r2 + 0)
	exit
