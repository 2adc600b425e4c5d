# @type: xdp
# @desc: reading through the checked pointer before the check
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	r0 = *(u8 *)(r2 + 0)
	if r4 > r3 goto out
out:
	r0 = 2
	exit
