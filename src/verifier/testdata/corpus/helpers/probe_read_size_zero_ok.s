# @type: kprobe
# @desc: size 0 is allowed for ARG_CONST_SIZE_OR_ZERO
	r3 = *(u64 *)(r1 + 112)
	r1 = r10
	r1 += -16
	r2 = 0
	call 113
	r0 = 0
	exit
