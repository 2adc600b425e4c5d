# @type: xdp
# @desc: 14 diamonds with longer arms and joins (compare the processed count with diamonds_same_state_ok)
	r6 = r1
	r7 = *(u32 *)(r6 + 12)
	r2 = 0
	if r7 & 1 goto a0
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j0
a0:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j0:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 2 goto a1
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j1
a1:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j1:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 4 goto a2
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j2
a2:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j2:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 8 goto a3
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j3
a3:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j3:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 16 goto a4
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j4
a4:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j4:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 32 goto a5
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j5
a5:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j5:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 64 goto a6
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j6
a6:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j6:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 128 goto a7
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j7
a7:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j7:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 256 goto a8
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j8
a8:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j8:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 512 goto a9
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j9
a9:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j9:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 1024 goto a10
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j10
a10:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j10:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 2048 goto a11
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j11
a11:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j11:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 4096 goto a12
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j12
a12:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j12:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	if r7 & 8192 goto a13
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
	goto j13
a13:
	r2 = 1
	r3 = 1
	r4 = 1
	r5 = 1
j13:
	r3 = 0
	r4 = 0
	r5 = 0
	r8 = 0
	r0 = 2
	exit
