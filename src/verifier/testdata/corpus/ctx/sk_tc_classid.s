# @type: socket_filter
# @desc: socket filter reads tc_classid
	r2 = *(u32 *)(r1 + 72)
	r0 = 0
	exit
