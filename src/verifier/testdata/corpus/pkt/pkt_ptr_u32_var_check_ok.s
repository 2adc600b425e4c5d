# @type: xdp
# @desc: a u32 helper result masked to 0x3f, then the sum checked against data_end
	r6 = r1
	call 7
	r2 = *(u32 *)(r6 + 0)
	r3 = *(u32 *)(r6 + 4)
	r0 &= 0x3f
	r2 += r0
	r4 = r2
	r4 += 2
	if r4 > r3 goto out
	r0 = *(u16 *)(r2 + 0)
out:
	r0 = 2
	exit
