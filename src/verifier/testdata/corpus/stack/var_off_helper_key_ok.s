# @type: xdp
# @map: counts:hash:4:8:16
# @desc: a map key at a variable stack offset over initialized bytes
	r6 = *(u32 *)(r1 + 12)
	r1 = 0
	*(u64 *)(r10 - 16) = r1
	*(u64 *)(r10 - 8) = r1
	r6 &= 4
	r2 = r10
	r2 += -16
	r2 += r6
	r1 = counts ll
	call 1
	r0 = 2
	exit
