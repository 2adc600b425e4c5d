# @type: kprobe
# @map: arr:array:4:8:4
# @desc: delete on an array map verifies (it fails only at run time)
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 3
	r0 = 0
	exit
