# @type: xdp
# @desc: 8-byte read of xdp_md->data
	r2 = *(u64 *)(r1 + 0)
	r0 = 2
	exit
