# @type: xdp
# @map: counts:hash:4:8:16
# @desc: map pointer spilled to the stack and filled for a helper call
	r1 = counts ll
	*(u64 *)(r10 - 16) = r1
	*(u32 *)(r10 - 4) = 0
	r1 = *(u64 *)(r10 - 16)
	r2 = r10
	r2 += -4
	call 1
	r0 = 2
	exit
