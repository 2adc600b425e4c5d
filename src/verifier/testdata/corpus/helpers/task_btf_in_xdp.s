# @type: xdp
# @desc: bpf_get_current_task_btf from XDP
	call 158
	r0 = 2
	exit
