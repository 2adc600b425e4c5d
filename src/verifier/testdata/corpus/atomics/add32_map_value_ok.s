# @type: xdp
# @map: counts:array:4:8:1
# @desc: 32-bit lock add on a map value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	w1 = 1
	lock *(u32 *)(r0 + 4) += w1
out:
	r0 = 2
	exit
