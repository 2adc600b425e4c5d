# @type: xdp
# @desc: if (data + 14 >= data_end) goto out: 13 bytes (only) safe, read byte 12
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	if r4 >= r3 goto out
	r0 = *(u8 *)(r2 + 12)
out:
	r0 = 2
	exit
