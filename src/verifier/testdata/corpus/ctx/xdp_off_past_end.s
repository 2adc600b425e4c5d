# @type: xdp
# @desc: XDP ctx read past struct xdp_md
	r2 = *(u32 *)(r1 + 24)
	r0 = 2
	exit
