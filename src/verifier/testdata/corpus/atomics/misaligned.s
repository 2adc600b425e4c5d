# @type: xdp
# @map: counts:array:4:16:1
# @desc: 64-bit atomic at a misaligned offset in a map value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r1 = 1
	lock *(u64 *)(r0 + 4) += r1
out:
	r0 = 2
	exit
