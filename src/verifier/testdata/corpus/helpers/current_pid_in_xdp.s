# @type: xdp
# @desc: bpf_get_current_pid_tgid from XDP (a base helper for privileged loaders)
	call 14
	r0 = 2
	exit
