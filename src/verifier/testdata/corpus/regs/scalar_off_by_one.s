# @type: xdp
# @map: arr:array:4:64:1
# @desc: index bound 57 with an 8-byte read runs one byte past the value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = *(u64 *)(r0 + 0)
	if r1 > 57 goto out
	r0 += r1
	r1 = *(u64 *)(r0 + 0)
out:
	r0 = 2
	exit
