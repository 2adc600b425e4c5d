# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: reserve, null check, fill, submit
	r1 = rb ll
	r2 = 16
	r3 = 0
	call 131
	if r0 == 0 goto out
	r6 = r0
	call 14
	*(u64 *)(r6 + 0) = r0
	*(u64 *)(r6 + 8) = 0
	r1 = r6
	r2 = 0
	call 132
out:
	r0 = 0
	exit
