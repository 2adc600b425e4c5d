# @type: xdp
# @map: counts:array:4:8:4
# @desc: atomic add on a value that may be NULL
	r1 = 1
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	r1 = 1
	lock *(u64 *)(r0 + 0) += r1
	r0 = 2
	exit
