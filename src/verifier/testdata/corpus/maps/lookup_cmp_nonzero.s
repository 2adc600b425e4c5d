# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: comparing the result with 1 is not a null check
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 1 goto out
	r1 = *(u64 *)(r0 + 0)
out:
	r0 = 2
	exit
