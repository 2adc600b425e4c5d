# @type: xdp
# @desc: sign-extending load from the XDP context
	r0 = *(s32 *)(r1 + 0)
	r0 = 2
	exit
