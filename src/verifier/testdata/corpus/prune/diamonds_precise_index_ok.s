# @type: xdp
# @map: arr:array:4:64:1
# @desc: 8 diamonds whose sums become a map value offset: precision tracking forces every path to be walked
	r1 = 0
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = arr ll
	call 1
	if r0 == 0 goto out
	r8 = r0
	r7 = *(u32 *)(r8 + 0)
	r9 = 0
	if r7 & 1 goto a0
	r9 += 1
	goto j0
a0:
	r9 += 2
j0:
	if r7 & 2 goto a1
	r9 += 1
	goto j1
a1:
	r9 += 2
j1:
	if r7 & 4 goto a2
	r9 += 1
	goto j2
a2:
	r9 += 2
j2:
	if r7 & 8 goto a3
	r9 += 1
	goto j3
a3:
	r9 += 2
j3:
	if r7 & 16 goto a4
	r9 += 1
	goto j4
a4:
	r9 += 2
j4:
	if r7 & 32 goto a5
	r9 += 1
	goto j5
a5:
	r9 += 2
j5:
	if r7 & 64 goto a6
	r9 += 1
	goto j6
a6:
	r9 += 2
j6:
	if r7 & 128 goto a7
	r9 += 1
	goto j7
a7:
	r9 += 2
j7:
	r8 += r9
	r0 = *(u8 *)(r8 + 0)
out:
	r0 = 2
	exit
