# @type: xdp
# @desc: packet pointer plus a helper result with no bounds
	r6 = r1
	call 7
	r2 = *(u32 *)(r6 + 0)
	r3 = *(u32 *)(r6 + 4)
	r2 += r0
	r4 = r2
	r4 += 1
	if r4 > r3 goto out
	r0 = *(u8 *)(r2 + 0)
out:
	r0 = 2
	exit
