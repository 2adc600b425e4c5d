# @type: kprobe
# @desc: bpf_task_pt_regs given the scalar from bpf_get_current_task
	call 35
	r1 = r0
	call 175
	r0 = 0
	exit
