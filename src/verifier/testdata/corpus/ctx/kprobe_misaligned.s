# @type: kprobe
# @desc: kprobe 8-byte read at offset 4
	r2 = *(u64 *)(r1 + 4)
	r0 = 0
	exit
