# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: reading before the start of a map value
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r1 = *(u32 *)(r0 - 4)
out:
	r0 = 2
	exit
