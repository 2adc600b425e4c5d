# @type: xdp
# @desc: 10 jset diamonds, then a jset whose outcome the learned bits decide: R7 becomes precise and the paths (differing in R7's known bits) no longer prune
	r6 = r1
	r7 = *(u32 *)(r6 + 12)
	r2 = 0
	if r7 & 1 goto a0
	r2 = 1
	goto j0
a0:
	r2 = 1
j0:
	if r7 & 2 goto a1
	r2 = 1
	goto j1
a1:
	r2 = 1
j1:
	if r7 & 4 goto a2
	r2 = 1
	goto j2
a2:
	r2 = 1
j2:
	if r7 & 8 goto a3
	r2 = 1
	goto j3
a3:
	r2 = 1
j3:
	if r7 & 16 goto a4
	r2 = 1
	goto j4
a4:
	r2 = 1
j4:
	if r7 & 32 goto a5
	r2 = 1
	goto j5
a5:
	r2 = 1
j5:
	if r7 & 64 goto a6
	r2 = 1
	goto j6
a6:
	r2 = 1
j6:
	if r7 & 128 goto a7
	r2 = 1
	goto j7
a7:
	r2 = 1
j7:
	if r7 & 256 goto a8
	r2 = 1
	goto j8
a8:
	r2 = 1
j8:
	if r7 & 512 goto a9
	r2 = 1
	goto j9
a9:
	r2 = 1
j9:
	if r7 & 1 goto +1
	r2 = 3
	r0 = 2
	exit
