# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: null check, then read and write the value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r1 = *(u64 *)(r0 + 0)
	r1 += 1
	*(u64 *)(r0 + 0) = r1
out:
	r0 = 2
	exit
