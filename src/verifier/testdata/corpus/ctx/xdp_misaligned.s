# @type: xdp
# @desc: 4-byte read at offset 2 of xdp_md
	r2 = *(u32 *)(r1 + 2)
	r0 = 2
	exit
