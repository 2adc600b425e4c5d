# @type: xdp
# @map: arr:array:4:8:4
# @desc: array lookup keyed by a full 8-byte spill of the constant 2
	r1 = 2
	*(u64 *)(r10 - 8) = r1
	r2 = r10
	r2 += -8
	r1 = arr ll
	call 1
	r1 = *(u64 *)(r0 + 0)
	r0 = 2
	exit
