# @type: sched_cls
# @map: flows:lru_hash:4:8:1024
# @desc: LRU hash lookup-or-insert
	r6 = r1
	r1 = *(u32 *)(r6 + 68)
	*(u32 *)(r10 - 4) = r1
	r2 = r10
	r2 += -4
	r1 = flows ll
	call 1
	if r0 != 0 goto found
	r1 = 0
	*(u64 *)(r10 - 16) = r1
	r2 = r10
	r2 += -4
	r3 = r10
	r3 += -16
	r1 = flows ll
	r4 = 1
	call 2
	r0 = 0
	exit
found:
	r1 = 1
	lock *(u64 *)(r0 + 0) += r1
	r0 = 0
	exit
