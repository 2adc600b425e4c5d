# @type: sched_cls
# @desc: tuple size bigger than the stack buffer
	*(u64 *)(r10 - 16) = 0
	*(u32 *)(r10 - 8) = 0
	r2 = r10
	r2 += -16
	r3 = 36
	r4 = 0xffffffff ll
	r5 = 0
	call 84
	if r0 == 0 goto out
	r1 = r0
	call 86
out:
	r0 = 0
	exit
