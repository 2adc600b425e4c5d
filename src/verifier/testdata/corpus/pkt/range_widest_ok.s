# @type: xdp
# @desc: two checks, the second wider: reads up to the larger range
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	if r4 > r3 goto out
	r4 = r2
	r4 += 34
	if r4 > r3 goto out
	r0 = *(u32 *)(r2 + 30)
out:
	r0 = 2
	exit
