# @type: xdp
# @map: counts:hash:4:8:1024
# @desc: packet data as the key (after a bounds check)
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 30
	if r4 > r3 goto out
	r2 += 26
	r1 = counts ll
	call 1
out:
	r0 = 2
	exit
