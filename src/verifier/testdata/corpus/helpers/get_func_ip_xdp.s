# @type: xdp
# @desc: bpf_get_func_ip in XDP
	call 173
	r0 = 2
	exit
