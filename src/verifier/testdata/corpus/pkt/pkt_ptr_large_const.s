# @type: xdp
# @desc: packet pointer moved by a constant of 1<<16 or more
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r2 += 65536
	r4 = r2
	r4 += 1
	if r4 > r3 goto out
	r0 = *(u8 *)(r2 + 0)
out:
	r0 = 2
	exit
