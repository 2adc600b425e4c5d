# @type: xdp
# @map: arr:array:4:64:1
# @desc: the sign-extension idiom r1 <<= 32; r1 s>>= 32 may give a negative index
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = *(u32 *)(r0 + 0)
	r1 <<= 32
	r1 s>>= 32
	if r1 s> 63 goto out
	r0 += r1
	r1 = *(u8 *)(r0 + 0)
out:
	r0 = 2
	exit
