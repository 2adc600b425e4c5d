# @type: xdp
# @desc: writing at r10+0 (above the frame)
	r1 = 0
	*(u64 *)(r10 + 0) = r1
	r0 = 2
	exit
