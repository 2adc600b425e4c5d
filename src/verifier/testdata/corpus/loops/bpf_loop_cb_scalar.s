# @type: kprobe
# @desc: bpf_loop with a scalar where the callback pointer belongs
	r1 = 10
	r2 = 0
	r3 = 0
	r4 = 0
	call 181
	r0 = 0
	exit
