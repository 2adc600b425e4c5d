# @type: kprobe
# @map: arr:array:4:16:1
# @desc: a map value pointer passed to a subprogram that writes it
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = r0
	call bump
out:
	r0 = 0
	exit
bump:
	r2 = *(u64 *)(r1 + 8)
	r2 += 1
	*(u64 *)(r1 + 8) = r2
	r0 = 0
	exit
