# @type: kprobe
# @desc: a BTF pointer plus an unknown offset
	r6 = *(u64 *)(r1 + 112)
	call 158
	r0 += r6
	r1 = *(u32 *)(r0 + 0)
	r0 = 0
	exit
