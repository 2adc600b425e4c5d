# @type: xdp
# @desc: XDP may write packet bytes within the checked range
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	if r4 > r3 goto out
	r5 = 0
	*(u16 *)(r2 + 12) = r5
	*(u8 *)(r2 + 0) = 1
out:
	r0 = 2
	exit
