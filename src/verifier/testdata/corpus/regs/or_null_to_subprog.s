# @type: kprobe
# @map: arr:array:4:16:1
# @desc: a possibly-NULL map value passed to a subprogram that dereferences it
	r1 = 1
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	r1 = r0
	call bump
	r0 = 0
	exit
bump:
	r2 = *(u64 *)(r1 + 8)
	r0 = 0
	exit
