# @type: kprobe
# @desc: bpf_get_current_task returns a scalar (u64), not a pointer
	call 35
	r1 = *(u64 *)(r0 + 0)
	r0 = 0
	exit
