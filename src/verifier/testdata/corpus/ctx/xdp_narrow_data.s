# @type: xdp
# @desc: narrow (u16) load of xdp_md->data
	r2 = *(u16 *)(r1 + 0)
	r0 = 2
	exit
