# @type: xdp
# @desc: packet pointer plus an unbounded scalar
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r5 = *(u32 *)(r1 + 12)
	r5 = (s32)r5
	r2 += r5
	r4 = r2
	r4 += 1
	if r4 > r3 goto out
	r0 = *(u8 *)(r2 + 0)
out:
	r0 = 2
	exit
