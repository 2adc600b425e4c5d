# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: reserve then discard
	r1 = rb ll
	r2 = 8
	r3 = 0
	call 131
	if r0 == 0 goto out
	r1 = r0
	r2 = 0
	call 133
out:
	r0 = 0
	exit
