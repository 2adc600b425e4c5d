# @type: xdp
# @map: arr:array:4:8:4
# @desc: array lookup with an out-of-range constant key, used without a null check
	r1 = 9
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	r1 = *(u64 *)(r0 + 0)
	r0 = 2
	exit
