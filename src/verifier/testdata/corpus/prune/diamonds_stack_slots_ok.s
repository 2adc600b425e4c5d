# @type: xdp
# @desc: 10 diamonds writing different constants to different stack slots
	r6 = r1
	r7 = *(u32 *)(r6 + 12)
	if r7 & 1 goto a0
	*(u64 *)(r10 - 8) = 0
	goto j0
a0:
	*(u64 *)(r10 - 8) = 1
j0:
	if r7 & 2 goto a1
	*(u64 *)(r10 - 16) = 0
	goto j1
a1:
	*(u64 *)(r10 - 16) = 1
j1:
	if r7 & 4 goto a2
	*(u64 *)(r10 - 24) = 0
	goto j2
a2:
	*(u64 *)(r10 - 24) = 1
j2:
	if r7 & 8 goto a3
	*(u64 *)(r10 - 32) = 0
	goto j3
a3:
	*(u64 *)(r10 - 32) = 1
j3:
	if r7 & 16 goto a4
	*(u64 *)(r10 - 40) = 0
	goto j4
a4:
	*(u64 *)(r10 - 40) = 1
j4:
	if r7 & 32 goto a5
	*(u64 *)(r10 - 48) = 0
	goto j5
a5:
	*(u64 *)(r10 - 48) = 1
j5:
	if r7 & 64 goto a6
	*(u64 *)(r10 - 56) = 0
	goto j6
a6:
	*(u64 *)(r10 - 56) = 1
j6:
	if r7 & 128 goto a7
	*(u64 *)(r10 - 64) = 0
	goto j7
a7:
	*(u64 *)(r10 - 64) = 1
j7:
	if r7 & 256 goto a8
	*(u64 *)(r10 - 72) = 0
	goto j8
a8:
	*(u64 *)(r10 - 72) = 1
j8:
	if r7 & 512 goto a9
	*(u64 *)(r10 - 80) = 0
	goto j9
a9:
	*(u64 *)(r10 - 80) = 1
j9:
	r0 = *(u64 *)(r10 - 8)
	r0 = 2
	exit
