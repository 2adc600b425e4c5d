# @type: kprobe
# @map: start:hash:8:8:16
# @desc: 8-byte key, but the key pointer is r10-4
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = start ll
	call 3
	r0 = 0
	exit
