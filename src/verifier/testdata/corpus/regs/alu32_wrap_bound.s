# @type: xdp
# @map: arr:array:4:64:1
# @desc: 32-bit add can wrap, so w1 += 8 after & 63 is still < 72 but index 71 overflows the value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = *(u64 *)(r0 + 0)
	w1 &= 63
	w1 += 8
	r0 += r1
	r1 = *(u8 *)(r0 + 0)
out:
	r0 = 2
	exit
