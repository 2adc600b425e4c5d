# @type: xdp
# @map: stats:array:4:32:4
# @desc: value pointer advanced by 32, then read
	r1 = 1
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = stats ll
	call 1
	if r0 == 0 goto out
	r0 += 32
	r1 = *(u8 *)(r0 + 0)
out:
	r0 = 2
	exit
