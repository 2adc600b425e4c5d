# @type: xdp
# @desc: scan up to 16 packet bytes for a zero, each access checked against data_end
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = 0
loop:
	r5 = r2
	r5 += r4
	r6 = r5
	r6 += 1
	if r6 > r3 goto done
	r7 = *(u8 *)(r5 + 0)
	if r7 == 0 goto done
	r4 += 1
	if r4 < 16 goto loop
done:
	r0 = 2
	exit
