# @type: sched_cls
# @desc: R1 is clobbered by a helper call; reading ctx through it afterwards
	call 5
	r2 = *(u32 *)(r1 + 0)
	r0 = 0
	exit
