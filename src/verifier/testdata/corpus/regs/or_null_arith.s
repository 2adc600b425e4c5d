# @type: xdp
# @map: counts:hash:4:8:16
# @desc: arithmetic on map_value_or_null before the null check
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	r0 += 4
	if r0 == 0 goto +1
	r0 = 0
	r0 = 2
	exit
