# @type: sched_cls
# @desc: TC reads the tstamp_type byte
	r2 = *(u8 *)(r1 + 180)
	r0 = 0
	exit
