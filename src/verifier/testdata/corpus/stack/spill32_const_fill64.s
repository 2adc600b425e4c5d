# @type: xdp
# @map: arr:array:4:64:1
# @desc: a 32-bit spilled constant read back as 64 bits is no longer a known value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	w1 = 8
	*(u32 *)(r10 - 16) = w1
	r1 = *(u64 *)(r10 - 16)
	r0 += r1
	r1 = *(u8 *)(r0 + 0)
out:
	r0 = 2
	exit
