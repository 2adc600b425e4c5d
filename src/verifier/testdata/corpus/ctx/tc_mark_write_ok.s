# @type: sched_cls
# @desc: TC writes mark, priority, tc_index, tc_classid
	r2 = 1
	*(u32 *)(r1 + 8) = r2
	*(u32 *)(r1 + 32) = r2
	*(u32 *)(r1 + 44) = r2
	*(u32 *)(r1 + 72) = r2
	r0 = 0
	exit
