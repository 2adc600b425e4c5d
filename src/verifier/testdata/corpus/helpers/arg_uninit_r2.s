# @type: kprobe
# @desc: bpf_get_current_comm with R2 (size) never written
	r1 = r10
	r1 += -16
	call 16
	r0 = 0
	exit
