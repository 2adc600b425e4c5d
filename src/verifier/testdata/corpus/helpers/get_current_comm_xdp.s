# @type: xdp
# @desc: bpf_get_current_comm from XDP (a base helper for privileged loaders)
	r1 = r10
	r1 += -16
	r2 = 16
	call 16
	r0 = 2
	exit
