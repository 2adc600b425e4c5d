# @type: xdp
# @desc: a branch on a known constant: the dead path (a scalar deref) is never walked
	r1 = 5
	if r1 == 5 goto +2
	r2 = 0
	r0 = *(u64 *)(r2 + 0)
	r0 = 2
	exit
