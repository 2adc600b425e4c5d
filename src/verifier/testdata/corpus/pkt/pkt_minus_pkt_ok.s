# @type: xdp
# @desc: data_end - data and ptr - data are scalars (packet length arithmetic)
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r0 = r3
	r0 -= r2
	r0 &= 1
	r0 += 1
	exit
