# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @desc: reserve in main, submit in a subprogram
	r1 = rb ll
	r2 = 8
	r3 = 0
	call 131
	if r0 == 0 goto out
	r1 = r0
	call submit
out:
	r0 = 0
	exit
submit:
	*(u64 *)(r1 + 0) = 0
	r2 = 0
	call 132
	r0 = 0
	exit
