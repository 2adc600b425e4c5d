# @type: xdp
# @desc: 12 diamonds summing different constants into R0 returned from XDP (not precise: pruned)
	r6 = r1
	r7 = *(u32 *)(r6 + 12)
	r0 = 0
	if r7 & 1 goto a0
	r0 += 1
	goto j0
a0:
	r0 += 2
j0:
	if r7 & 2 goto a1
	r0 += 1
	goto j1
a1:
	r0 += 2
j1:
	if r7 & 4 goto a2
	r0 += 1
	goto j2
a2:
	r0 += 2
j2:
	if r7 & 8 goto a3
	r0 += 1
	goto j3
a3:
	r0 += 2
j3:
	if r7 & 16 goto a4
	r0 += 1
	goto j4
a4:
	r0 += 2
j4:
	if r7 & 32 goto a5
	r0 += 1
	goto j5
a5:
	r0 += 2
j5:
	if r7 & 64 goto a6
	r0 += 1
	goto j6
a6:
	r0 += 2
j6:
	if r7 & 128 goto a7
	r0 += 1
	goto j7
a7:
	r0 += 2
j7:
	if r7 & 256 goto a8
	r0 += 1
	goto j8
a8:
	r0 += 2
j8:
	if r7 & 512 goto a9
	r0 += 1
	goto j9
a9:
	r0 += 2
j9:
	if r7 & 1024 goto a10
	r0 += 1
	goto j10
a10:
	r0 += 2
j10:
	if r7 & 2048 goto a11
	r0 += 1
	goto j11
a11:
	r0 += 2
j11:
	exit
