# @type: kprobe
# @map: arr:array:4:16:1
# @desc: overwriting a local (unreferenced) dynptr on the stack destroys it, which is allowed
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r1 = r0
	r2 = 16
	r3 = 0
	r4 = r10
	r4 += -32
	call 197
	r1 = 0
	*(u64 *)(r10 - 32) = r1
out:
	r0 = 0
	exit
