# @type: xdp
# @map: counts:hash:4:8:4
# @desc: a constant key does not make a hash lookup non-null
	*(u32 *)(r10 - 4) = 0
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	r1 = *(u64 *)(r0 + 0)
	r0 = 2
	exit
