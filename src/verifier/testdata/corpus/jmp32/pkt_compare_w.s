# @type: xdp
# @desc: a 32-bit compare of packet pointers does not give a range
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	if w4 > w3 goto out
	r0 = *(u8 *)(r2 + 0)
out:
	r0 = 2
	exit
