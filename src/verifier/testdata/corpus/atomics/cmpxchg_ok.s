# @type: xdp
# @map: counts:array:4:8:1
# @desc: compare-and-exchange on a map value (R0 is the expected value and the result)
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r6 = r0
	r0 = 0
	r2 = 5
	r0 = cmpxchg_64(r6 + 0, r0, r2)
out:
	r0 = 2
	exit
