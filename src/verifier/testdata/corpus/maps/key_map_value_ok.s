# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: a map value may serve as the key of another lookup
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = counts ll
	call 1
	if r0 == 0 goto out
	r2 = r0
	r1 = counts ll
	call 1
out:
	r0 = 2
	exit
