# @type: xdp
# @desc: a checked packet pointer passed to a static subprogram keeps its range
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r4 = r2
	r4 += 14
	if r4 > r3 goto out
	r1 = r2
	call proto
	exit
out:
	r0 = 2
	exit
proto:
	r0 = *(u16 *)(r1 + 12)
	r0 &= 1
	r0 += 1
	exit
