# @type: kprobe
# @desc: size bound 31 exceeds the 16-byte stack buffer
	r2 = *(u64 *)(r1 + 104)
	r3 = *(u64 *)(r1 + 112)
	r2 &= 31
	r1 = r10
	r1 += -16
	call 113
	r0 = 0
	exit
