# @type: kprobe
# @map: start:hash:8:8:10240
# @desc: clang-style: store a timestamp keyed by pid_tgid
	call 14
	*(u64 *)(r10 - 8) = r0
	call 5
	*(u64 *)(r10 - 16) = r0
	r2 = r10
	r2 += -8
	r3 = r10
	r3 += -16
	r1 = start ll
	r4 = 0
	call 2
	r0 = 0
	exit
