# @type: xdp
# @map: slots:array:4:64:1
# @desc: writing a map value at a bounded variable offset (array of 8 u64)
	r6 = r1
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = slots ll
	call 1
	if r0 == 0 goto out
	r1 = *(u32 *)(r6 + 16)
	r1 &= 7
	r1 <<= 3
	r0 += r1
	r1 = 1
	*(u64 *)(r0 + 0) = r1
out:
	r0 = 2
	exit
