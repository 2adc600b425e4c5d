# @type: xdp
# @map: arr:array:4:64:1
# @desc: w1 = -1 zero-extends to 0xffffffff, far past the value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	w1 = -1
	r0 += r1
	r1 = *(u8 *)(r0 + 0)
out:
	r0 = 2
	exit
