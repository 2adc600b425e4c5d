# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: reserved record never submitted or discarded
	r1 = rb ll
	r2 = 16
	r3 = 0
	call 131
	if r0 == 0 goto out
	*(u64 *)(r0 + 0) = 1
out:
	r0 = 0
	exit
