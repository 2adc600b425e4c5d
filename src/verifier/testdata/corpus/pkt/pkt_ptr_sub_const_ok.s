# @type: xdp
# @desc: pointer moved forward and back by constants stays within the range
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	if r4 > r3 goto out
	r4 += -2
	r0 = *(u16 *)(r4 + 0)
out:
	r0 = 2
	exit
