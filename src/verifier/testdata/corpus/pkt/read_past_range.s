# @type: xdp
# @desc: 4-byte read at offset 12 with only 14 bytes checked
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	if r4 > r3 goto out
	r0 = *(u32 *)(r2 + 12)
out:
	r0 = 2
	exit
