# @type: xdp
# @desc: atomic add on the XDP context
	r2 = 1
	lock *(u32 *)(r1 + 12) += r2
	r0 = 2
	exit
