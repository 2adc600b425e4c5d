# @type: xdp
# @desc: 10 diamonds each reading a different packet byte inside a checked 64-byte range
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r7 = *(u32 *)(r1 + 12)
	r4 = r2
	r4 += 64
	if r4 > r3 goto out
	if r7 & 1 goto a0
	r0 = *(u8 *)(r2 + 0)
	goto j0
a0:
	r0 = *(u8 *)(r2 + 20)
j0:
	if r7 & 2 goto a1
	r0 = *(u8 *)(r2 + 1)
	goto j1
a1:
	r0 = *(u8 *)(r2 + 21)
j1:
	if r7 & 4 goto a2
	r0 = *(u8 *)(r2 + 2)
	goto j2
a2:
	r0 = *(u8 *)(r2 + 22)
j2:
	if r7 & 8 goto a3
	r0 = *(u8 *)(r2 + 3)
	goto j3
a3:
	r0 = *(u8 *)(r2 + 23)
j3:
	if r7 & 16 goto a4
	r0 = *(u8 *)(r2 + 4)
	goto j4
a4:
	r0 = *(u8 *)(r2 + 24)
j4:
	if r7 & 32 goto a5
	r0 = *(u8 *)(r2 + 5)
	goto j5
a5:
	r0 = *(u8 *)(r2 + 25)
j5:
	if r7 & 64 goto a6
	r0 = *(u8 *)(r2 + 6)
	goto j6
a6:
	r0 = *(u8 *)(r2 + 26)
j6:
	if r7 & 128 goto a7
	r0 = *(u8 *)(r2 + 7)
	goto j7
a7:
	r0 = *(u8 *)(r2 + 27)
j7:
	if r7 & 256 goto a8
	r0 = *(u8 *)(r2 + 8)
	goto j8
a8:
	r0 = *(u8 *)(r2 + 28)
j8:
	if r7 & 512 goto a9
	r0 = *(u8 *)(r2 + 9)
	goto j9
a9:
	r0 = *(u8 *)(r2 + 29)
j9:
out:
	r0 = 2
	exit
