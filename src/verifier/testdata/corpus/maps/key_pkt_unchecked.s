# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: packet data as the key without a bounds check
	r2 = *(u32 *)(r1 + 0)
	r1 = counts ll
	call 1
	r0 = 2
	exit
