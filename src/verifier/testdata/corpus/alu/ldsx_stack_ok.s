# @type: xdp
# @desc: sign-extending loads from the stack (cpu v4)
	r1 = -1
	*(u64 *)(r10 - 8) = r1
	r0 = *(s8 *)(r10 - 8)
	r2 = *(s16 *)(r10 - 8)
	r3 = *(s32 *)(r10 - 8)
	r0 = 2
	exit
