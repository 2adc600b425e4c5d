# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: writing past the reserved size
	r1 = rb ll
	r2 = 16
	r3 = 0
	call 131
	if r0 == 0 goto out
	*(u64 *)(r0 + 16) = 1
	r1 = r0
	r2 = 0
	call 132
out:
	r0 = 0
	exit
