# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: passing map_value_or_null as a key
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	r2 = r0
	r1 = counts ll
	call 1
	r0 = 2
	exit
