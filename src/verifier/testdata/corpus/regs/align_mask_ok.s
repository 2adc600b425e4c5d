# @type: xdp
# @map: arr:array:4:64:1
# @desc: tnum: (x & 0x38) is a multiple of 8 below 64, so an 8-byte read is in bounds
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = *(u64 *)(r0 + 0)
	r1 &= 0x38
	r0 += r1
	r1 = *(u64 *)(r0 + 0)
out:
	r0 = 2
	exit
