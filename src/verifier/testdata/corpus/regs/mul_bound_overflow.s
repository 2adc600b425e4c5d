# @type: xdp
# @map: arr:array:4:64:1
# @desc: (x & 0xff) * 0x1000000 stays bounded, but past the value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = *(u64 *)(r0 + 0)
	r1 &= 0xff
	r1 *= 0x1000000
	r0 += r1
	r1 = *(u8 *)(r0 + 0)
out:
	r0 = 2
	exit
