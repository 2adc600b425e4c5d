# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: the null check on a copy also marks the original (same id)
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	r6 = r0
	if r0 == 0 goto out
	r1 = *(u64 *)(r6 + 0)
out:
	r0 = 2
	exit
