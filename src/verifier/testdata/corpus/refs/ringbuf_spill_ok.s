# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: the reserved pointer spilled across a helper call, filled and submitted
	r1 = rb ll
	r2 = 8
	r3 = 0
	call 131
	if r0 == 0 goto out
	*(u64 *)(r10 - 8) = r0
	call 5
	r1 = *(u64 *)(r10 - 8)
	*(u64 *)(r1 + 0) = r0
	r2 = 0
	call 132
out:
	r0 = 0
	exit
