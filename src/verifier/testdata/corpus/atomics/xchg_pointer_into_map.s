# @type: xdp
# @map: counts:array:4:8:1
# @desc: xchg a pointer into a map value
	r6 = r1
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r6 = xchg_64(r0 + 0, r6)
out:
	r0 = 2
	exit
