# @type: xdp
# @desc: writing below the 512-byte stack
	r1 = 0
	*(u64 *)(r10 - 520) = r1
	r0 = 2
	exit
