# @type: xdp
# @desc: if (data + 14 <= data_end) goto ok: range known on the taken branch
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	if r4 <= r3 goto ok
	r0 = 2
	exit
ok:
	r0 = *(u16 *)(r2 + 12)
	r0 = 2
	exit
