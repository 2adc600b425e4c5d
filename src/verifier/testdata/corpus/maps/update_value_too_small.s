# @type: kprobe
# @map: big:hash:4:16:16
# @desc: value pointer covers 8 bytes of the stack, the map value is 16
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	*(u64 *)(r10 - 16) = r1
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -8
	r1 = big ll
	r4 = 0
	call 2
	r0 = 0
	exit
