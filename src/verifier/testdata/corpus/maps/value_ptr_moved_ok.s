# @type: xdp
# @map: stats:array:4:32:4
# @desc: value pointer advanced to a struct field, then read
	r1 = 1
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = stats ll
	call 1
	if r0 == 0 goto out
	r0 += 16
	r1 = *(u64 *)(r0 + 8)
out:
	r0 = 2
	exit
