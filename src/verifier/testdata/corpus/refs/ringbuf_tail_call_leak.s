# @type: kprobe
# @map: rb:ringbuf:0:0:4096
# @map: jmp:prog_array:4:4:4
# @desc: tail call while holding a reserved record
	r6 = r1
	r1 = rb ll
	r2 = 8
	r3 = 0
	call 131
	if r0 == 0 goto out
	r7 = r0
	r1 = r6
	r2 = jmp ll
	r3 = 0
	call 12
	r1 = r7
	r2 = 0
	call 133
out:
	r0 = 0
	exit
