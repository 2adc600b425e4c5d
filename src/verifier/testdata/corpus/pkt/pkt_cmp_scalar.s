# @type: xdp
# @desc: comparing a packet pointer with a scalar does not set a range
	r2 = *(u32 *)(r1 + 0)
	r4 = 100
	if r2 > r4 goto out
	r0 = *(u8 *)(r2 + 0)
out:
	r0 = 2
	exit
