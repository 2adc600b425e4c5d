# @type: xdp
# @map: counts:hash:4:8:16
# @desc: reading through a map pointer
	r1 = counts ll
	r0 = *(u64 *)(r1 + 0)
	exit
