# @type: xdp
# @desc: writing one byte past the checked range
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	if r4 > r3 goto out
	*(u8 *)(r2 + 14) = 1
out:
	r0 = 2
	exit
