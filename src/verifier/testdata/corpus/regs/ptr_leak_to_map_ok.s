# @type: xdp
# @map: arr:array:4:8:1
# @desc: root may store a pointer into a map value (pointer leak allowed when privileged)
	r6 = r1
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto +1
	*(u64 *)(r0 + 0) = r6
	r0 = 2
	exit
