# @type: xdp
# @desc: cmpxchg reads R0, which is not set
	r1 = 0
	*(u64 *)(r10 - 8) = r1
	r2 = 5
	r0 = cmpxchg_64(r10 - 8, r0, r2)
	r0 = 2
	exit
