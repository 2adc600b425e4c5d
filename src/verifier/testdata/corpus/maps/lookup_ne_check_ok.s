# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: if (v != NULL) form of the null check
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 != 0 goto found
	r0 = 2
	exit
found:
	r1 = *(u64 *)(r0 + 0)
	r0 = 2
	exit
