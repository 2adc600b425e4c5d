# @type: kprobe
# @desc: bpf_get_current_comm with size 0 (ARG_CONST_SIZE)
	r1 = r10
	r1 += -16
	r2 = 0
	call 16
	r0 = 0
	exit
