# @type: kprobe
# @map: start:hash:8:8:10240
# @desc: delete an element keyed by pid_tgid
	call 14
	*(u64 *)(r10 - 8) = r0
	r2 = r10
	r2 += -8
	r1 = start ll
	call 3
	r0 = 0
	exit
