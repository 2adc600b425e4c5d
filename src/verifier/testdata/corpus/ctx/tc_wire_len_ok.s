# @type: sched_cls
# @desc: TC reads wire_len, gso_segs, gso_size
	r2 = *(u32 *)(r1 + 160)
	r3 = *(u32 *)(r1 + 164)
	r4 = *(u32 *)(r1 + 176)
	r0 = 0
	exit
