# @type: xdp
# @desc: XDP context is read-only
	r2 = 1
	*(u32 *)(r1 + 16) = r2
	r0 = 2
	exit
