# @type: sched_cls
# @desc: ctx copied to r6 (as clang does before helper calls) and read after a call
	r6 = r1
	call 5
	r2 = *(u32 *)(r6 + 0)
	r0 = 0
	exit
