# @type: sched_cls
# @desc: TC writes a packet byte it checked; then one it did not
	r2 = *(u32 *)(r1 + 76)
	r3 = *(u32 *)(r1 + 80)
	r4 = r2
	r4 += 1
	if r4 > r3 goto out
	*(u8 *)(r2 + 0) = 0
	*(u8 *)(r2 + 1) = 0
out:
	r0 = 0
	exit
