# @type: xdp
# @map: arr:array:4:64:1
# @desc: a bounded index spilled and filled keeps its bounds
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = *(u64 *)(r0 + 0)
	r1 &= 63
	*(u64 *)(r10 - 16) = r1
	r3 = *(u64 *)(r10 - 16)
	r0 += r3
	r1 = *(u8 *)(r0 + 0)
out:
	r0 = 2
	exit
