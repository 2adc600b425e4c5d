# @type: sched_cls
# @desc: bpf_xdp_adjust_head is not available to TC
	r2 = 4
	call 44
	r0 = 0
	exit
