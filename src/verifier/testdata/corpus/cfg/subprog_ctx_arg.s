# @type: xdp
# @desc: the context pointer passed to a subprogram keeps its type
	call get_len
	r0 &= 1
	r0 += 1
	exit
get_len:
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r0 = r3
	r0 -= r2
	exit
