# @type: xdp
# @map: arr:array:4:64:1
# @desc: comparing two map value pointers (root)
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = r0
	r1 += 8
	if r1 > r0 goto out
out:
	r0 = 2
	exit
