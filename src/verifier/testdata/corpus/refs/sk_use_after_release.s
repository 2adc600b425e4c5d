# @type: sched_cls
# @desc: reading a socket field after releasing it
	*(u64 *)(r10 - 16) = 0
	*(u32 *)(r10 - 8) = 0
	r2 = r10
	r2 += -16
	r3 = 12
	r4 = 0xffffffff ll
	r5 = 0
	call 84
	if r0 == 0 goto out
	r6 = r0
	r1 = r0
	call 86
	r0 = *(u32 *)(r6 + 4)
out:
	r0 = 0
	exit
