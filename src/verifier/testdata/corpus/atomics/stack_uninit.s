# @type: xdp
# @desc: atomic fetch-add on a never-written stack slot
	r1 = 1
	r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)
	r0 = 2
	exit
