# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: the record is submitted on one path and leaked on the other
	r1 = rb ll
	r2 = 16
	r3 = 0
	call 131
	if r0 == 0 goto out
	r6 = r0
	call 7
	if r0 > 100 goto out
	r1 = r6
	r2 = 0
	call 132
out:
	r0 = 0
	exit
