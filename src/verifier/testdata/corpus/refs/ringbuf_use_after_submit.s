# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: writing a record after submitting it
	r1 = rb ll
	r2 = 16
	r3 = 0
	call 131
	if r0 == 0 goto out
	r6 = r0
	r1 = r6
	r2 = 0
	call 132
	*(u64 *)(r6 + 0) = 1
out:
	r0 = 0
	exit
