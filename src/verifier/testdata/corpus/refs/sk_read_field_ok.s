# @type: sched_cls
# @desc: read sk->family and sk->state before release
	*(u64 *)(r10 - 16) = 0
	*(u32 *)(r10 - 8) = 0
	r2 = r10
	r2 += -16
	r3 = 12
	r4 = 0xffffffff ll
	r5 = 0
	call 85
	if r0 == 0 goto out
	r6 = *(u32 *)(r0 + 4)
	r7 = *(u32 *)(r0 + 28)
	r1 = r0
	call 86
out:
	r0 = 0
	exit
