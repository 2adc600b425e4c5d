# @type: sched_cls
# @desc: TC reads hwtstamp (u64)
	r2 = *(u64 *)(r1 + 184)
	r0 = 0
	exit
